package io.backprop.network;

/**
 * Where a network's numbers live and are computed. ND4J pays 10–50 µs to dispatch any operation, which dwarfs
 * the arithmetic of the tutorials' networks, so small float64 work runs on plain Java arrays and everything else
 * on ND4J. Both compute the same maths (the tests hold them to each other).
 */
public enum Backend {
    ARRAY, ND4J;

    /**
     * Work per pass below which the array backend wins: multiply-adds of one forward pass over a batch. Measured
     * on 2 cores; both backends compute the same numbers either side of it.
     */
    static final long ARRAY_MAX_WORK = 200_000;

    /** The faster backend for passes over {@code rows} examples through the network {@code spec}. */
    public static Backend choose(NetworkSpec spec, int rows) {
        if (spec.precision() == Precision.FLOAT32) {
            return ND4J;
        }
        return (long) rows * spec.parameterCount() <= ARRAY_MAX_WORK ? ARRAY : ND4J;
    }

    Matrix zeros(int rows, int columns, Precision precision) {
        requireSupported(precision);
        return this == ARRAY ? new ArrayMatrix(rows, columns) : new Nd4jMatrix(rows, columns, precision);
    }

    Matrix of(double[][] values, Precision precision) {
        requireSupported(precision);
        return this == ARRAY ? ArrayMatrix.of(values) : Nd4jMatrix.of(values, precision);
    }

    private void requireSupported(Precision precision) {
        if (this == ARRAY && precision != Precision.FLOAT64) {
            throw new IllegalArgumentException("the array backend computes in float64 only, not " + precision);
        }
    }
}
