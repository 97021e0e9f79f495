package io.backprop.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.javacpp.Pointer;

/** Peak memory while some work runs, sampled every 10 ms: heap in use, and the whole process's resident set. */
final class Memory {

    private Memory() {
    }

    static String peakDuring(Runnable work) throws InterruptedException {
        System.gc();
        long[] peak = new long[2];
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                Runtime runtime = Runtime.getRuntime();
                peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory());
                peak[1] = Math.max(peak[1], Pointer.physicalBytes());
                try {
                    Thread.sleep(10);
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        work.run();
        running.set(false);
        sampler.join();
        return String.format(Locale.ROOT, "peak heap in use %d MiB, peak resident set of the whole process %d MiB",
                peak[0] >> 20, peak[1] >> 20);
    }
}
