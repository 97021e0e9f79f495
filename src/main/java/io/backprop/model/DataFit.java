package io.backprop.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.backprop.model.spec.ModelSpec;
import io.backprop.preprocessing.LabelEncoding;

/**
 * What a model learned from its rows besides its parameters, stored with it and needed by every prediction: the
 * fitted preprocessing, the classes (null for regression) and how the rows were split.
 */
public record DataFit(@JsonProperty("preprocessor") FittedPreprocessing preprocessing, List<Object> classes,
        int trainingRows, int validationRows) {

    /** The label encoding of a model with this spec, or null for regression. */
    public LabelEncoding labels(ModelSpec spec) {
        return classes == null ? null : LabelEncoding.of(classes, spec.outputActivation(), spec.outputUnits());
    }
}
