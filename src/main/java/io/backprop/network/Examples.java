package io.backprop.network;

/** Labelled rows: features m × n and targets m × k, one row per example. */
public record Examples(RowSource features, RowSource targets) {

    public Examples {
        if (features.rows() == 0) {
            throw new IllegalArgumentException("no examples: features has 0 rows");
        }
        if (targets.rows() != features.rows()) {
            throw new IllegalArgumentException("features has " + features.rows() + " rows but targets has "
                    + targets.rows());
        }
    }

    /** @throws IllegalArgumentException unless both are non-empty rectangles */
    public Examples(double[][] features, double[][] targets) {
        this(rows("features", features), rows("targets", targets));
    }

    public int rows() {
        return features.rows();
    }

    /** The examples {@code rows[0]}, {@code rows[1]}, … of these, read from them when asked for. */
    public Examples select(int[] rows) {
        return new Examples(features.select(rows), targets.select(rows));
    }

    /** Throws unless the features have the network's inputs and the targets its outputs. */
    void requireFits(NetworkSpec spec) {
        if (features.columns() != spec.inputs()) {
            throw new IllegalArgumentException("features: expected " + Shapes.describe(rows(), spec.inputs())
                    + " (the network's inputs), got " + Shapes.describe(rows(), features.columns()));
        }
        if (targets.columns() != spec.outputs()) {
            throw new IllegalArgumentException("targets: expected " + Shapes.describe(rows(), spec.outputs())
                    + " (the last layer's units), got " + Shapes.describe(rows(), targets.columns()));
        }
    }

    private static RowSource rows(String name, double[][] rows) {
        try {
            return RowSource.of(rows);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage(), e);
        }
    }
}
