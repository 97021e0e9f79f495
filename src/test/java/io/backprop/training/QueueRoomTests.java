package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The early refusal of a full queue: counted only when no place is believed free, and not again at once. */
class QueueRoomTests {

    private static final long RECOUNT = 10_000_000;

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger counts = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final QueueRoom room = new QueueRoom(() -> {
        counts.incrementAndGet();
        return 3 - waiting.get();
    }, 3, RECOUNT, now::get);

    @Test
    void placesCountedFreeShouldBeTakenWithoutCountingAgain() {
        assertThat(room.take()).isTrue();
        assertThat(room.take()).isTrue();
        assertThat(room.take()).isTrue();

        assertThat(counts).as("one count for three places").hasValue(1);
        assertThat(room.take()).as("all three taken, counted just now").isFalse();
        assertThat(counts).hasValue(1);
    }

    @Test
    void aQueueFoundFullShouldBeCountedAgainOnlyWhenAJobLeavesHereOrAfterAWhile() {
        waiting.set(3);
        assertThat(room.take()).isFalse();
        for (int request = 0; request < 100; request++) {
            assertThat(room.take()).isFalse();
        }
        assertThat(counts).as("refused without counting").hasValue(1);

        room.freed();
        assertThat(room.take()).as("a job left the queue here").isTrue();
        assertThat(room.take()).as("one place for one request").isFalse();

        waiting.set(1);
        now.addAndGet(RECOUNT);
        assertThat(room.take()).as("two places left on another replica, counted again").isTrue();
        assertThat(room.take()).isTrue();
        assertThat(room.take()).isFalse();
        assertThat(counts).hasValue(2);
    }

    @Test
    void aFullQueueFoundUnderTheLockShouldRefuseUntilAJobLeaves() {
        assertThat(room.take()).isTrue();
        room.foundFull();

        assertThat(room.take()).isFalse();
        room.freed();
        assertThat(room.take()).isTrue();
    }

    @Test
    void placesFreedShouldNeverExceedTheCapacity() {
        for (int job = 0; job < 10; job++) {
            room.freed();
        }
        waiting.set(3);

        int taken = 0;
        while (room.take()) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }
}
