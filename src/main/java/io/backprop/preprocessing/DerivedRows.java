package io.backprop.preprocessing;

import io.backprop.network.RowSource;

/**
 * Rows computed from another source's rows as they are read, so that preprocessing never holds a transformed
 * copy of a data set: the engine reads each row once, into its own memory. Holds one row's buffers: read from
 * one thread.
 */
abstract class DerivedRows implements RowSource {

    private final RowSource source;
    private final int columns;
    private final double[] raw;
    private final double[] derived;

    DerivedRows(RowSource source, int columns) {
        this.source = source;
        this.columns = columns;
        this.raw = new double[source.columns()];
        this.derived = new double[columns];
    }

    /** Computes one row from the source's row {@code raw} into {@code into} from {@code offset}. */
    abstract void derive(double[] raw, double[] into, int offset);

    @Override
    public int rows() {
        return source.rows();
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public void read(int row, double[] into, int offset) {
        source.read(row, raw, 0);
        derive(raw, into, offset);
    }

    @Override
    public void read(int row, float[] into, int offset) {
        read(row, derived, 0);
        for (int j = 0; j < columns; j++) {
            into[offset + j] = (float) derived[j];
        }
    }
}
