package io.backprop.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import io.backprop.network.RowSource;

/**
 * Rows read in place from consecutive stored chunks, all but the last of the same number of rows (row 0 is the
 * first chunk's first row). Float32 chunks are copied into float32 memory unchanged, so a float32 network loads
 * them with no float64 step.
 */
final class ChunkedRows implements RowSource {

    private final int rows;
    private final int columns;
    private final int chunkRows;
    private final FloatBuffer[] floats;
    private final DoubleBuffer[] doubles;

    ChunkedRows(List<RowChunk> chunks, int columns) {
        this.rows = chunks.stream().mapToInt(RowChunk::rows).sum();
        this.columns = columns;
        this.chunkRows = chunks.isEmpty() ? 1 : chunks.get(0).rows();
        int first = chunks.isEmpty() ? 0 : chunks.get(0).firstRow();
        this.floats = new FloatBuffer[chunks.size()];
        this.doubles = new DoubleBuffer[chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            RowChunk chunk = chunks.get(c);
            if (chunk.firstRow() != first + c * chunkRows) {
                throw new IllegalStateException("chunk " + c + " starts at row " + chunk.firstRow() + ", expected "
                        + (first + c * chunkRows));
            }
            ByteBuffer bytes = ByteBuffer.wrap(chunk.content()).order(ByteOrder.LITTLE_ENDIAN);
            if (chunk.float32()) {
                floats[c] = bytes.asFloatBuffer();
            }
            else {
                doubles[c] = bytes.asDoubleBuffer();
            }
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
