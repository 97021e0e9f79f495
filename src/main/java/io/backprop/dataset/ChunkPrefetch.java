package io.backprop.dataset;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Chunks read from the store on a thread of their own, in order, while the reader uses the first ones: a job
 * starts training on its first rows while the rest arrive (measured on W5: reading 188 MB of chunks took 50-120
 * ms before the first step could start). Asking for a chunk waits until it has arrived.
 */
final class ChunkPrefetch implements IntFunction<RowChunk> {

    private final RowChunk[] chunks;
    private final int chunkRows;
    private boolean ended;
    private RuntimeException failure;

    /** @param read reads the chunks in order, handing each to the consumer given */
    ChunkPrefetch(int count, int chunkRows, Consumer<Consumer<RowChunk>> read) {
        this.chunks = new RowChunk[count];
        this.chunkRows = chunkRows;
        Thread reader = new Thread(() -> {
            try {
                read.accept(this::arrived);
            }
            catch (RuntimeException e) {
                fail(e);
            }
            finally {
                end();
            }
        }, "row-prefetch");
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void arrived(RowChunk chunk) {
        chunks[chunk.firstRow() / chunkRows] = chunk;
        notifyAll();
    }

    private synchronized void fail(RuntimeException e) {
        failure = e;
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized RowChunk apply(int index) {
        while (chunks[index] == null && failure == null && !ended) {
            try {
                wait();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading rows", e);
            }
        }
        if (chunks[index] == null) {
            throw failure != null ? failure : new IllegalStateException("chunk " + index + " is missing");
        }
        return chunks[index];
    }
}
