package io.backprop.bench;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How long the machine takes to hand out memory no process has used yet: a new virtual machine's memory may not be
 * backed by its host until first touched. On a fresh 2-core VM that took 2.4 s of system time per GiB, and H2's
 * file writes into new page cache slowed to match (45 ms for 19 MB instead of 4): a 27 MB upload took 0.145 s, and
 * 0.105 s once the machine's memory had been touched (measured). Printed with the figures it can move.
 */
final class FreshMemory {

    private static final int BYTES = 256 << 20;

    private FreshMemory() {
    }

    /** A new direct buffer is zeroed as it is allocated, touching each of its pages once. */
    static String describe() {
        long start = System.nanoTime();
        ByteBuffer.allocateDirect(BYTES);
        double millisPerGib = (System.nanoTime() - start) / 1e6 * (1 << 30) / BYTES;
        return String.format(Locale.ROOT, "fresh memory: %.0f ms per GiB to touch first (slow on a new virtual "
                + "machine whose host has not backed its memory yet)", millisPerGib);
    }
}
