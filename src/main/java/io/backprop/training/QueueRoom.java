package io.backprop.training;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The places believed free in the training queue, so that a full queue refuses requests before they are read,
 * without counting the queue for each: counted when none are left, less a place for each request let through,
 * plus one for each job that leaves the queue here. A queue found full is not counted again for a while unless a
 * job leaves it here (jobs may leave it on other replicas). While clients wait out a full queue most requests
 * come then: counting for each took as long as the rest of the refusal, and every request let through for one
 * free place stored its model before the admission under the lock refused all but one. The estimate only
 * refuses early: the admission still counts under the lock.
 */
final class QueueRoom {

    private final IntSupplier freePlaces;
    private final int capacity;
    private final long recountNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger room = new AtomicInteger();
    private volatile long countedAt;

    /**
     * @param freePlaces counts the places free in the queue now (capacity less the jobs waiting)
     * @param recountNanos how long a queue found full is taken as full, unless a job leaves it here
     */
    QueueRoom(IntSupplier freePlaces, int capacity, long recountNanos, LongSupplier nanoTime) {
        this.freePlaces = freePlaces;
        this.capacity = capacity;
        this.recountNanos = recountNanos;
        this.nanoTime = nanoTime;
        this.countedAt = nanoTime.getAsLong() - recountNanos;
    }

    /** Takes a place believed free, counting the queue if none is left and it was not found full just now. */
    boolean take() {
        if (room.getAndUpdate(free -> Math.max(free - 1, 0)) > 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (now - countedAt < recountNanos) {
            return false;
        }
        countedAt = now;
        int free = freePlaces.getAsInt();
        if (free <= 0) {
            return false;
        }
        room.set(free - 1);
        return true;
    }

    /** A job left the queue here. */
    void freed() {
        room.updateAndGet(free -> Math.min(free + 1, capacity));
    }

    /** The admission under the lock found the queue full. */
    void foundFull() {
        room.set(0);
        countedAt = nanoTime.getAsLong();
    }
}
