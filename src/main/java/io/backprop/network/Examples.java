package io.backprop.network;

/** Labelled rows: features m × n and targets m × k, one row per example. */
public record Examples(double[][] features, double[][] targets) {

    public Examples {
        if (features.length == 0) {
            throw new IllegalArgumentException("no examples: features has 0 rows");
        }
        if (targets.length != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " rows but targets has "
                    + targets.length);
        }
        requireRectangular("features", features);
        requireRectangular("targets", targets);
    }

    public int rows() {
        return features.length;
    }

    /** Throws unless the features have the network's inputs and the targets its outputs. */
    void requireFits(NetworkSpec spec) {
        if (features[0].length != spec.inputs()) {
            throw new IllegalArgumentException("features: expected " + Shapes.describe(rows(), spec.inputs())
                    + " (the network's inputs), got " + Shapes.describe(features));
        }
        if (targets[0].length != spec.outputs()) {
            throw new IllegalArgumentException("targets: expected " + Shapes.describe(rows(), spec.outputs())
                    + " (the last layer's units), got " + Shapes.describe(targets));
        }
    }

    private static void requireRectangular(String name, double[][] rows) {
        for (double[] row : rows) {
            if (row == null || row.length != rows[0].length || row.length == 0) {
                throw new IllegalArgumentException(name + " must be a non-empty rectangle, got "
                        + Shapes.describe(rows));
            }
        }
    }
}
