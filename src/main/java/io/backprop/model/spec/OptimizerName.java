package io.backprop.model.spec;

import java.util.Locale;

/** The optimizers a request can name; their parameters are fields of the training section. */
public enum OptimizerName {
    SGD, MOMENTUM, ADAM;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
