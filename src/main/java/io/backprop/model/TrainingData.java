package io.backprop.model;

import java.time.Duration;
import java.util.List;

import io.backprop.dataset.RowSet;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.Preprocessing;
import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.RowSource;
import io.backprop.preprocessing.HoldOut;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;
import io.backprop.training.TrainingJob;

/**
 * A model's rows made ready for training: class labels encoded for the output layer, rows split into training
 * and validation, preprocessing fitted on the training rows only, and the network's inputs computed from the
 * features as the engine reads them (never held as a copy). Deterministic given the spec's seed, so a job
 * interrupted by a restart is prepared again identically.
 */
record TrainingData(DataFit fit, LabelEncoding labels, Examples training, Examples validation) {

    /** Keeps the split apart from the other streams drawn from the same seed. */
    private static final long SPLIT_SALT = 0x9E3779B97F4A7C15L;

    /** The targets as the network sees them, before scaling, and the split of the rows. */
    private record Plan(LabelEncoding labels, double[][] targets, HoldOut split) {

        static Plan of(ModelSpec spec, RowSet rows) {
            int units = spec.outputUnits();
            LabelEncoding labels = LabelEncoding.detect(spec.outputActivation(), units, rows.labels(), rows.targets());
            List<?> given = LabelEncoding.labels(spec.outputActivation(), units, rows.labels(), rows.targets());
            double[][] targets = given != null ? labels.encode(given) : rows.targets();
            HoldOut split = HoldOut.split(rows.rows(), spec.training().validationSplit(),
                    spec.training().seed() ^ SPLIT_SALT, labels == null ? null : labels.indexes(targets));
            return new Plan(labels, targets, split);
        }

        DataFit fit(FittedPreprocessing preprocessing) {
            return new DataFit(preprocessing, labels == null ? null : labels.classes(), split.training().length,
                    split.validation().length);
        }
    }

    /**
     * What a model will learn from its rows that can be known from the targets alone (the classes and the split),
     * without reading the features; the fitted preprocessing is null until the job fits it.
     */
    static DataFit plan(ModelSpec spec, RowSet rows) {
        return Plan.of(spec, rows).fit(null);
    }

    static TrainingData prepare(ModelSpec spec, RowSet rows) {
        Plan plan = Plan.of(spec, rows);
        HoldOut split = plan.split();
        Preprocessing settings = spec.preprocessing();
        RowTransform transform = RowTransform.fit(spec.dataset().featureNames(), settings.featureCrosses(),
                settings.featureScaling(), rows.features(), spec.dataset().targetNames(), settings.targetScaling(),
                plan.labels() == null ? plan.targets() : null, split.training());
        Examples all = new Examples(transform.inputs(rows.features()),
                RowSource.of(transform.targets(plan.targets())));
        boolean heldOut = split.validation().length > 0;
        return new TrainingData(plan.fit(FittedPreprocessing.of(transform)), plan.labels(),
                heldOut ? all.select(split.training()) : all, heldOut ? all.select(split.validation()) : null);
    }

    /** The job that trains the spec on these rows from {@code start}, or from seeded random parameters. */
    TrainingJob job(String modelId, ModelSpec spec, Parameters start) {
        NetworkSpec network = spec.network();
        Parameters initial = start != null ? start : Parameters.initial(network, spec.training().seed());
        return new TrainingJob(modelId, network, initial, training, validation, spec.training().options(),
                Duration.ofSeconds(spec.training().maxSeconds()), labels, fit.preprocessing().transform(), null);
    }
}
