package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Judged on a clock the source moves: each read waits as long as the source says, and returns its bytes. */
class MinimumRateInputStreamTests {

    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    private long now;

    /** A source that takes {@code millisPerRead} to deliver {@code bytesPerRead} bytes, {@code reads} times. */
    private InputStream source(int reads, int bytesPerRead, long millisPerRead) {
        return new InputStream() {
            private int left = reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left-- == 0) {
                    return -1;
                }
                now += TimeUnit.MILLISECONDS.toNanos(millisPerRead);
                return Math.min(length, bytesPerRead);
            }
        };
    }

    private InputStream paced(InputStream source) {
        return new MinimumRateInputStream(source, 1000, WINDOW, () -> now, () -> new IllegalStateException("slow"));
    }

    /** Reads to the end in reads of {@code size} bytes; returns how many bytes came. */
    private static long drain(InputStream in, int size) throws IOException {
        byte[] buffer = new byte[size];
        long total = 0;
        for (int n; (n = in.read(buffer, 0, size)) >= 0; ) {
            total += n;
        }
        return total;
    }

    @Test
    void aSourceAtTheRateShouldBeReadToTheEnd() throws IOException {
        // 1,000 bytes a second exactly, for a minute
        assertThat(drain(paced(source(600, 100, 100)), 100)).isEqualTo(60_000);
    }

    @Test
    void aSourceBelowTheRateShouldFailOnceAWindowHasBeenWaitedFor() {
        InputStream slow = paced(source(600, 99, 100));

        assertThatThrownBy(() -> drain(slow, 100)).isInstanceOf(IllegalStateException.class);
        assertThat(now).as("after one window of waiting").isEqualTo(WINDOW);
    }

    @Test
    void aSourceThatStallsShouldFailWhenTheStallEnds() {
        // a burst, then a single byte 15 s later: 1,001 bytes in 15.01 s of waiting
        InputStream paced = paced(new SequenceInputStream(source(10, 100, 1), source(1, 1, 15_000)));

        assertThatThrownBy(() -> drain(paced, 100)).isInstanceOf(IllegalStateException.class);
        assertThat(now).isEqualTo(TimeUnit.MILLISECONDS.toNanos(15_010));
    }

    @Test
    void timeTheReaderSpendsElsewhereShouldNotCount() throws IOException {
        InputStream paced = paced(source(100, 10, 1));
        byte[] buffer = new byte[10];
        while (paced.read(buffer, 0, buffer.length) >= 0) {
            // the reader parses and stores for a second between reads: the source is not waited for then
            now += TimeUnit.SECONDS.toNanos(1);
        }
        assertThat(now).isGreaterThan(TimeUnit.SECONDS.toNanos(100));
    }
}
