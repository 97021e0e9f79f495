package io.backprop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap a piece of work holds on to in a JVM (the service's, through its platform beans): the heap in use right
 * after each collection while it runs (garbage left uncollected says nothing about what the work needs), against
 * the heap after a full collection before it. Full collections are forced as the work goes: left to itself, a
 * 2 GB heap took the W5 upload's 750 MB of garbage without collecting once, which showed nothing.
 */
final class HeapAfterCollections implements AutoCloseable {

    /** How often a full collection is forced while the work runs. */
    static final int FORCED_EVERY_MILLIS = 100;

    private final MBeanServerConnection jvm;
    private final Set<ObjectName> collectors;
    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final NotificationListener listener = this::collected;
    private final Thread forcing;

    HeapAfterCollections(MBeanServerConnection jvm) throws IOException, JMException {
        this.jvm = jvm;
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(jvm, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        memory.gc();
        this.baseline = memory.getHeapMemoryUsage().getUsed();
        peak.set(baseline);
        this.collectors = jvm.queryNames(new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE
                + ",*"), null);
        for (ObjectName collector : collectors) {
            jvm.addNotificationListener(collector, listener, null, null);
        }
        this.forcing = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(FORCED_EVERY_MILLIS);
                    memory.gc();
                }
            }
            catch (InterruptedException | RuntimeException ended) {
                // closed
            }
        }, "forced-collections");
        forcing.setDaemon(true);
        forcing.start();
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

    /** Stops listening, after a pause for the notifications still on their way from the other JVM. */
    @Override
    public void close() throws IOException, JMException, InterruptedException {
        forcing.interrupt();
        forcing.join();
        Thread.sleep(500);
        for (ObjectName collector : collectors) {
            jvm.removeNotificationListener(collector, listener);
        }
    }
}
