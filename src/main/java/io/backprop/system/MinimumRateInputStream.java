package io.backprop.system;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A stream that fails with the given exception when its source is too slow: once the reader has waited
 * {@code window} in all for bytes, at least {@code minBytesPerSecond} must have come per second of that wait, and
 * so on, window after window. Only the waiting counts, so a reader that is slow itself (parsing, storing) is never
 * held against the source. A client that trickles its upload would otherwise hold what the upload holds (a slot,
 * a database transaction) for as long as it likes.
 */
public final class MinimumRateInputStream extends FilterInputStream {

    private final long minBytesPerSecond;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Supplier<? extends RuntimeException> tooSlow;
    /** The wait and the bytes of the current window. */
    private long waited;
    private long arrived;

    public MinimumRateInputStream(InputStream in, long minBytesPerSecond, long windowNanos,
            Supplier<? extends RuntimeException> tooSlow) {
        this(in, minBytesPerSecond, windowNanos, System::nanoTime, tooSlow);
    }

    MinimumRateInputStream(InputStream in, long minBytesPerSecond, long windowNanos, LongSupplier clock,
            Supplier<? extends RuntimeException> tooSlow) {
        super(in);
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = windowNanos;
        this.clock = clock;
        this.tooSlow = tooSlow;
    }

    @Override
    public int read() throws IOException {
        long start = clock.getAsLong();
        int b = super.read();
        count(start, b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long start = clock.getAsLong();
        int n = super.read(buffer, offset, length);
        count(start, Math.max(n, 0));
        return n;
    }

    private void count(long start, long bytes) {
        waited += clock.getAsLong() - start;
        arrived += bytes;
        if (waited >= windowNanos) {
            if (arrived < minBytesPerSecond * (waited / 1e9)) {
                throw tooSlow.get();
            }
            waited = 0;
            arrived = 0;
        }
    }
}
