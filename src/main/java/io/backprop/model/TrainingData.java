package io.backprop.model;

import java.time.Duration;
import java.util.List;

import io.backprop.dataset.DatasetInput;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.Preprocessing;
import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.HoldOut;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;
import io.backprop.preprocessing.Rows;
import io.backprop.training.TrainingJob;

/**
 * A model's rows made ready for training: class labels encoded for the output layer, rows split into training
 * and validation, preprocessing fitted on the training rows only. Deterministic given the spec's seed, so a job
 * interrupted by a restart is prepared again identically.
 */
record TrainingData(DataFit fit, LabelEncoding labels, Examples training, Examples validation) {

    /** Keeps the split apart from the other streams drawn from the same seed. */
    private static final long SPLIT_SALT = 0x9E3779B97F4A7C15L;

    static TrainingData prepare(ModelSpec spec, DatasetInput rows) {
        int units = spec.outputUnits();
        LabelEncoding labels = LabelEncoding.detect(spec.outputActivation(), units, rows.labels(), rows.targets());
        List<?> given = LabelEncoding.labels(spec.outputActivation(), units, rows.labels(), rows.targets());
        double[][] targets = given != null ? labels.encode(given) : rows.targets();
        HoldOut split = HoldOut.split(rows.rows(), spec.training().validationSplit(),
                spec.training().seed() ^ SPLIT_SALT, labels == null ? null : labels.indexes(targets));
        Preprocessing settings = spec.preprocessing();
        RowTransform transform = RowTransform.fit(spec.dataset().featureNames(), settings.featureCrosses(),
                settings.featureScaling(), rows.features(), spec.dataset().targetNames(), settings.targetScaling(),
                labels == null ? targets : null, split.training());
        double[][] inputs = transform.inputs(rows.features());
        double[][] scaledTargets = transform.targets(targets);
        Examples training = new Examples(Rows.select(inputs, split.training()),
                Rows.select(scaledTargets, split.training()));
        Examples validation = split.validation().length == 0 ? null
                : new Examples(Rows.select(inputs, split.validation()), Rows.select(scaledTargets, split.validation()));
        DataFit fit = new DataFit(FittedPreprocessing.of(transform), labels == null ? null : labels.classes(),
                split.training().length, split.validation().length);
        return new TrainingData(fit, labels, training, validation);
    }

    /** The job that trains the spec on these rows from {@code start}, or from seeded random parameters. */
    TrainingJob job(String modelId, ModelSpec spec, Parameters start) {
        NetworkSpec network = spec.network();
        Parameters initial = start != null ? start : Parameters.initial(network, spec.training().seed());
        return new TrainingJob(modelId, network, initial, training, validation, spec.training().options(),
                Duration.ofSeconds(spec.training().maxSeconds()), labels, fit.preprocessing().transform());
    }
}
