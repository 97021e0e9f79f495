package io.backprop.prediction;

import io.backprop.network.Precision;
import io.backprop.system.FieldViolation;

/**
 * Where rows to answer came from, to name one in a problem: the request's {@code features}, or a stored data set's
 * rows from {@code firstRow} on.
 *
 * @param datasetId the stored data set, or null for the request's features
 */
record RowOrigin(String datasetId, int firstRow) {

    static final RowOrigin FEATURES = new RowOrigin(null, 0);

    /** Row {@code row}'s feature {@code name} (column {@code column}), too large for the network's arithmetic. */
    FieldViolation overflow(int row, int column, String name, double value, Precision precision) {
        String message = "overflows the network's " + precision + " arithmetic, so its outputs are not finite numbers;"
                + " send features on the scale of the rows it was trained on";
        return datasetId == null ? FieldViolation.of("features[" + row + "][" + column + "]", value, message)
                : FieldViolation.of("datasetId", datasetId, "row " + (firstRow + row) + "'s " + name + " = " + value
                        + " " + message);
    }
}
