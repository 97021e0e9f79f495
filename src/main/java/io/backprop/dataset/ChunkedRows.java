package io.backprop.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.IntFunction;

import io.backprop.network.RowSource;

/**
 * Rows read in place from consecutive stored chunks, all but the last of the same number of rows (row 0 is the
 * first chunk's first row), each chunk fetched when first read. Float32 chunks are copied into float32 memory
 * unchanged, so a float32 network loads them with no float64 step.
 */
final class ChunkedRows implements RowSource {

    private final int rows;
    private final int columns;
    private final int chunkRows;
    private final int firstRow;
    private final IntFunction<RowChunk> chunks;
    private final FloatBuffer[] floats;
    private final DoubleBuffer[] doubles;

    /** Chunks at hand. */
    ChunkedRows(List<RowChunk> chunks, int columns) {
        this(chunks.stream().mapToInt(RowChunk::rows).sum(), columns, chunks.isEmpty() ? 1 : chunks.get(0).rows(),
                chunks.isEmpty() ? 0 : chunks.get(0).firstRow(), chunks::get);
    }

    /** {@code rows} rows in chunks of {@code chunkRows}, chunk c given by {@code chunks} when first read. */
    ChunkedRows(int rows, int columns, int chunkRows, int firstRow, IntFunction<RowChunk> chunks) {
        this.rows = rows;
        this.columns = columns;
        this.chunkRows = chunkRows;
        this.firstRow = firstRow;
        this.chunks = chunks;
        int count = (rows + chunkRows - 1) / chunkRows;
        this.floats = new FloatBuffer[count];
        this.doubles = new DoubleBuffer[count];
    }

    /** Chunk c's values, fetched on first use. */
    private void fetch(int c) {
        if (floats[c] != null || doubles[c] != null) {
            return;
        }
        RowChunk chunk = chunks.apply(c);
        if (chunk.firstRow() != firstRow + c * chunkRows) {
            throw new IllegalStateException("chunk " + c + " starts at row " + chunk.firstRow() + ", expected "
                    + (firstRow + c * chunkRows));
        }
        ByteBuffer bytes = ByteBuffer.wrap(chunk.content()).order(ByteOrder.LITTLE_ENDIAN);
        if (chunk.float32()) {
            floats[c] = bytes.asFloatBuffer();
        }
        else {
            doubles[c] = bytes.asDoubleBuffer();
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public void read(int row, double[] into, int offset) {
        int c = row / chunkRows;
        fetch(c);
        int at = (row - c * chunkRows) * columns;
        if (doubles[c] != null) {
            doubles[c].get(at, into, offset, columns);
            return;
        }
        FloatBuffer values = floats[c];
        for (int j = 0; j < columns; j++) {
            into[offset + j] = values.get(at + j);
        }
    }

    /** Consecutive rows of float32 chunks are copied memory to memory, a chunk's share at a time. */
    @Override
    public void read(int from, int count, FloatBuffer into) {
        for (int done = 0; done < count;) {
            int row = from + done;
            int c = row / chunkRows;
            fetch(c);
            int inChunk = Math.min(count - done, (c + 1) * chunkRows - row);
            if (floats[c] == null) {
                RowSource.super.read(row, inChunk, into.slice(done * columns, inChunk * columns));
            }
            else {
                into.put(done * columns, floats[c], (row - c * chunkRows) * columns, inChunk * columns);
            }
            done += inChunk;
        }
    }

    @Override
    public void read(int row, float[] into, int offset) {
        int c = row / chunkRows;
        fetch(c);
        int at = (row - c * chunkRows) * columns;
        if (floats[c] != null) {
            floats[c].get(at, into, offset, columns);
            return;
        }
        DoubleBuffer values = doubles[c];
        for (int j = 0; j < columns; j++) {
            into[offset + j] = (float) values.get(at + j);
        }
    }
}
