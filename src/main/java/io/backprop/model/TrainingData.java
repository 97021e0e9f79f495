package io.backprop.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.backprop.dataset.RowSet;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.Preprocessing;
import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.TrainingOptions;
import io.backprop.network.RowSource;
import io.backprop.preprocessing.Folds;
import io.backprop.preprocessing.HoldOut;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;
import io.backprop.training.TrainingJob;

/**
 * A model's rows made ready for training: class labels encoded for the output layer, rows split into training
 * and validation, preprocessing fitted on the training rows only, and the network's inputs computed from the
 * features as the engine reads them (never held as a copy). Deterministic given the spec's seed, so a job
 * interrupted by a restart is prepared again identically. With cross-validation, each fold is prepared the same
 * way from its own training rows; with class weights, they are resolved for the classes and training rows.
 */
record TrainingData(DataFit fit, LabelEncoding labels, Examples training, Examples validation,
        List<TrainingJob.Fold> folds, double[] classWeights) {

    /** Keeps the split apart from the other streams drawn from the same seed. */
    private static final long SPLIT_SALT = 0x9E3779B97F4A7C15L;

    /** The targets as the network sees them, before scaling, their classes, and the split of the rows. */
    private record Plan(LabelEncoding labels, double[][] targets, int[] classes, HoldOut split) {

        static Plan of(ModelSpec spec, RowSet rows) {
            int units = spec.outputUnits();
            LabelEncoding labels = LabelEncoding.detect(spec.outputActivation(), units, rows.labels(), rows.targets());
            List<?> given = LabelEncoding.labels(spec.outputActivation(), units, rows.labels(), rows.targets());
            double[][] targets = given != null ? labels.encode(given) : rows.targets();
            int[] classes = labels == null ? null : labels.indexes(targets);
            HoldOut split = HoldOut.split(rows.rows(), spec.training().validationSplit(),
                    spec.training().seed() ^ SPLIT_SALT, classes);
            return new Plan(labels, targets, classes, split);
        }

        DataFit fit(FittedPreprocessing preprocessing) {
            return new DataFit(preprocessing, labels == null ? null : labels.classes(), split.training().length,
                    split.validation().length);
        }

        /** The preprocessing fitted on the rows {@code training}, and every row as the network reads it. */
        Prepared prepare(ModelSpec spec, RowSet rows, int[] training) {
            Preprocessing settings = spec.preprocessing();
            RowTransform transform = RowTransform.fit(spec.dataset().featureNames(), settings.featureCrosses(),
                    settings.featureScaling(), rows.features(), spec.dataset().targetNames(),
                    settings.targetScaling(), labels == null ? targets : null, training);
            return new Prepared(transform, new Examples(transform.inputs(rows.features()),
                    RowSource.of(transform.targets(targets))));
        }
    }

    private record Prepared(RowTransform transform, Examples all) {
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
        Prepared prepared = plan.prepare(spec, rows, split.training());
        Examples all = prepared.all();
        boolean heldOut = split.validation().length > 0;
        return new TrainingData(plan.fit(FittedPreprocessing.of(prepared.transform())), plan.labels(),
                heldOut ? all.select(split.training()) : all, heldOut ? all.select(split.validation()) : null,
                folds(spec, rows, plan), classWeights(spec, plan));
    }

    /** Cross-validation's folds, each with preprocessing fitted on its own training rows; null without. */
    private static List<TrainingJob.Fold> folds(ModelSpec spec, RowSet rows, Plan plan) {
        if (spec.training().crossValidation() == null) {
            return null;
        }
        List<TrainingJob.Fold> folds = new ArrayList<>();
        for (HoldOut fold : Folds.split(rows.rows(), spec.training().crossValidation().folds(),
                spec.training().seed() ^ SPLIT_SALT, plan.classes())) {
            Prepared prepared = plan.prepare(spec, rows, fold.training());
            folds.add(new TrainingJob.Fold(prepared.all().select(fold.training()),
                    prepared.all().select(fold.validation()), prepared.transform()));
        }
        return folds;
    }

    private static double[] classWeights(ModelSpec spec, Plan plan) {
        if (spec.training().classWeights() == null) {
            return null;
        }
        int[] trainingClasses = java.util.Arrays.stream(plan.split().training()).map(row -> plan.classes()[row])
                .toArray();
        return spec.training().classWeights().resolve(plan.labels().classes(), trainingClasses);
    }

    /** The job that trains the spec on these rows from {@code start}, or from seeded random parameters. */
    TrainingJob job(String modelId, ModelSpec spec, Parameters start) {
        NetworkSpec network = spec.network();
        Parameters initial = start != null ? start : Parameters.initial(network, spec.training().seed());
        TrainingOptions options = spec.training().options();
        if (classWeights != null) {
            options = options.withRegularisation(options.regularisation().withClassWeights(classWeights));
        }
        return new TrainingJob(modelId, network, initial, training, validation, options,
                Duration.ofSeconds(spec.training().maxSeconds()), labels, fit.preprocessing().transform(), folds,
                null);
    }
}
