package io.backprop.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.backprop.model.spec.ModelSpec;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.training.TrainingJob;

/**
 * What a model learned from its rows besides its parameters, stored with it and needed by every prediction: the
 * fitted preprocessing, the classes (null for regression) and how the rows were split.
 */
public record DataFit(@JsonProperty("preprocessor") FittedPreprocessing preprocessing, List<Object> classes,
        int trainingRows, int validationRows) {

    /** What the job learned: its fitted preprocessing, its classes and its split. */
    static DataFit of(TrainingJob job) {
        return new DataFit(FittedPreprocessing.of(job.transform()),
                job.labels() == null ? null : job.labels().classes(), job.training().rows(),
                job.validation() == null ? 0 : job.validation().rows());
    }

    /** The label encoding of a model with this spec, or null for regression. */
    public LabelEncoding labels(ModelSpec spec) {
        return classes == null ? null : LabelEncoding.of(classes, spec.outputActivation(), spec.outputUnits());
    }
}
