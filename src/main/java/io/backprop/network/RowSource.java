package io.backprop.network;

import java.nio.FloatBuffer;

/**
 * Rows the engine copies into its own memory, one row at a time and straight into the precision it computes in,
 * so that rows held in another form (stored chunks of float32 or float64, or computed from other rows) need no
 * float64 copy of their own. Sources that compute their rows may reuse buffers: read each from one thread.
 */
public interface RowSource {

    int rows();

    int columns();

    /** Copies row {@code row} into {@code into}, starting at {@code offset}. */
    void read(int row, double[] into, int offset);

    /** The same, narrowed to float32 where the source holds wider values. */
    void read(int row, float[] into, int offset);

    /**
     * Copies the rows [{@code from}, {@code from + count}) into {@code into} from index 0, one after another,
     * narrowed to float32. Here rows are gathered in blocks of about 2,048 values and each block is copied at once:
     * a copy per row cost more than converting a W5 batch's targets (10 a row) did, and a larger block only made
     * more garbage per batch. A source that holds float32 rows side by side copies them at once.
     */
    default void read(int from, int count, FloatBuffer into) {
        int columns = columns();
        int blockRows = Math.max(1, Math.min(count, 2_048 / columns));
        float[] block = new float[blockRows * columns];
        for (int done = 0; done < count; done += blockRows) {
            int rows = Math.min(blockRows, count - done);
            for (int i = 0; i < rows; i++) {
                read(from + done + i, block, i * columns);
            }
            into.put(done * columns, block, 0, rows * columns);
        }
    }

    /**
     * Rows given as arrays, read in place.
     *
     * @throws IllegalArgumentException unless they form a non-empty rectangle
     */
    static RowSource of(double[][] rows) {
        return new ArrayRows(rows);
    }

    /** The rows {@code rows[0]}, {@code rows[1]}, … of this source, read from it when asked for. */
    default RowSource select(int[] rows) {
        RowSource source = this;
        return new RowSource() {

            @Override
            public int rows() {
                return rows.length;
            }

            @Override
            public int columns() {
                return source.columns();
            }

            @Override
            public void read(int row, double[] into, int offset) {
                source.read(rows[row], into, offset);
            }

            @Override
            public void read(int row, float[] into, int offset) {
                source.read(rows[row], into, offset);
            }
        };
    }

    /**
     * Each row's values {@code columns[0]}, {@code columns[1]}, …, read from this source when asked for (through a
     * buffer of one row: read from one thread).
     */
    default RowSource selectColumns(int[] columns) {
        RowSource source = this;
        double[] wide = new double[source.columns()];
        return new RowSource() {

            @Override
            public int rows() {
                return source.rows();
            }

            @Override
            public int columns() {
                return columns.length;
            }

            @Override
            public void read(int row, double[] into, int offset) {
                source.read(row, wide, 0);
                for (int j = 0; j < columns.length; j++) {
                    into[offset + j] = wide[columns[j]];
                }
            }

            @Override
            public void read(int row, float[] into, int offset) {
                source.read(row, wide, 0);
                for (int j = 0; j < columns.length; j++) {
                    into[offset + j] = (float) wide[columns[j]];
                }
            }
        };
    }

    /** Every row, copied into arrays of their own. */
    default double[][] toArray() {
        double[][] copy = new double[rows()][columns()];
        for (int i = 0; i < copy.length; i++) {
            read(i, copy[i], 0);
        }
        return copy;
    }
}
