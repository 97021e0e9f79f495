package io.backprop.model;

import io.backprop.network.Examples;

/** A model's training rows as they are stored. */
record DatasetRows(double[][] features, double[][] targets) {

    Examples examples() {
        return new Examples(features, targets);
    }
}
