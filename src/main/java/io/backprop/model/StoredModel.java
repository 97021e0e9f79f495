package io.backprop.model;

import io.backprop.model.spec.ModelSpec;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.LabelEncoding;

/** A model that finished training, as stored: its owner, spec, what it learned from its rows, its parameters. */
public record StoredModel(String owner, ModelSpec spec, DataFit fit, Parameters parameters) {

    /** The label encoding, or null for regression. */
    public LabelEncoding labels() {
        return fit.labels(spec);
    }
}
