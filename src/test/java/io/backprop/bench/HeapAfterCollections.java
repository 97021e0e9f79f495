package io.backprop.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap a piece of work holds on to: the heap in use right after each collection while it runs (garbage
 * left uncollected says nothing about what the work needs), against the heap after a full collection before it.
 */
final class HeapAfterCollections implements AutoCloseable {

    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final NotificationListener listener = this::collected;

    HeapAfterCollections() {
        System.gc();
        this.baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.set(baseline);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
        peak.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
    }

    long peakGrowth() {
        return peak.get() - baseline;
    }

    int collections() {
        return collections.get();
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            }
            catch (javax.management.ListenerNotFoundException e) {
                // it was never added to this one
            }
        }
    }
}
