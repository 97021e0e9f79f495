package io.backprop.network;

/**
 * Where a network's numbers live and are computed. The tutorials' tiny float64 networks run on plain Java arrays,
 * whose loops finish before any native call would have started; everything else runs on ND4J's buffers, with
 * OpenBLAS for the products. Both compute the same maths (the tests hold them to each other).
 */
public enum Backend {
    ARRAY, ND4J;

    /**
     * Multiply-adds of one forward pass over a batch up to which the array backend wins (measured on 2 cores;
     * both backends compute the same numbers either side of it).
     */
    static final long ARRAY_MAX_WORK = 20_000;

    /** The faster backend for passes over {@code rows} examples through the network {@code spec}. */
    public static Backend choose(NetworkSpec spec, int rows) {
        return spec.precision() == Precision.FLOAT64 && (long) rows * spec.parameterCount() <= ARRAY_MAX_WORK
                ? ARRAY : ND4J;
    }

    Matrix zeros(int rows, int columns, Precision precision) {
        requireSupported(precision);
        return this == ARRAY ? new ArrayMatrix(rows, columns) : new Nd4jMatrix(rows, columns, precision);
    }

    Matrix of(RowSource rows, Precision precision) {
        Matrix m = zeros(rows.rows(), rows.columns(), precision);
        m.loadRows(rows, null, 0);
        return m;
    }

    private void requireSupported(Precision precision) {
        if (this == ARRAY && precision != Precision.FLOAT64) {
            throw new IllegalArgumentException("the array backend computes in float64 only, not " + precision);
        }
    }
}
