package io.backprop.model;

import java.time.Duration;
import java.util.List;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.ClassLabels;
import io.backprop.preprocessing.HoldOut;
import io.backprop.preprocessing.Preprocessor;
import io.backprop.preprocessing.Rows;
import io.backprop.training.TrainingTask;

/**
 * A model's rows made ready for training: class labels encoded for the output layer, rows split into training
 * and validation, preprocessing fitted on the training rows only. Deterministic given the spec's seed, so a job
 * interrupted by a restart is prepared again identically.
 */
record PreparedData(Preparation preparation, Examples training, Examples validation) {

    /** Keeps the split apart from the other streams drawn from the same seed. */
    private static final long SPLIT_SALT = 0x9E3779B97F4A7C15L;

    static PreparedData prepare(ModelSpec spec, DatasetInput rows) {
        Activation output = spec.outputActivation();
        List<?> labels = classLabels(spec, rows);
        ClassLabels classes;
        double[][] targets;
        if (labels != null) {
            classes = ClassLabels.of(labels);
            targets = classes.encode(labels, output == Activation.SIGMOID);
        }
        else {
            targets = rows.targets();
            classes = Task.of(output, targets) == Task.CLASSIFICATION ? indicatorClasses(spec) : null;
        }
        int[] stratification = classes == null ? null : Labels.of(targets, output);
        HoldOut split = HoldOut.split(rows.rows(), spec.training().validationSplit(),
                spec.training().seed() ^ SPLIT_SALT, stratification);
        Preprocessing settings = spec.preprocessing();
        Preprocessor preprocessor = Preprocessor.fit(spec.dataset().featureNames(), settings.featureCrosses(),
                settings.featureScaling(), rows.features(), spec.dataset().targetNames(), settings.targetScaling(),
                classes == null ? targets : null, split.training());
        double[][] inputs = preprocessor.inputs(rows.features());
        double[][] scaledTargets = preprocessor.targets(targets);
        Examples training = new Examples(Rows.select(inputs, split.training()),
                Rows.select(scaledTargets, split.training()));
        Examples validation = split.validation().length == 0 ? null
                : new Examples(Rows.select(inputs, split.validation()), Rows.select(scaledTargets, split.validation()));
        Preparation preparation = new Preparation(preprocessor, classes == null ? null : classes.classes(),
                split.training().length, split.validation().length);
        return new PreparedData(preparation, training, validation);
    }

    /** The job that trains the spec on these rows from {@code start}, or from seeded random parameters. */
    TrainingTask task(String modelId, ModelSpec spec, Parameters start) {
        NetworkSpec network = spec.network();
        Parameters initial = start != null ? start : Parameters.initial(network, spec.training().seed());
        return new TrainingTask(modelId, network, initial, training, validation, spec.training().options(),
                Duration.ofSeconds(spec.training().maxSeconds()));
    }

    /**
     * The labels to encode: given as labels, or a single column of integers under a softmax of several units
     * (class numbers); null for targets used as they are.
     */
    static List<?> classLabels(ModelSpec spec, DatasetInput rows) {
        if (rows.labels() != null) {
            return rows.labels();
        }
        boolean classNumbers = spec.outputActivation() == Activation.SOFTMAX && spec.lastLayer().units() > 1
                && rows.targets()[0].length == 1;
        return classNumbers ? classNumbers(rows.targets()) : null;
    }

    /** A single column of integral class numbers, as labels. */
    static List<Long> classNumbers(double[][] column) {
        return java.util.Arrays.stream(column).map(row -> (long) row[0]).toList();
    }

    /** Targets that already are class indicators name their classes by index: 0 and 1, or 0 … k−1. */
    private static ClassLabels indicatorClasses(ModelSpec spec) {
        int units = spec.lastLayer().units();
        return new ClassLabels(java.util.stream.LongStream.range(0, units == 1 ? 2 : units).boxed()
                .map(Object.class::cast).toList());
    }
}
