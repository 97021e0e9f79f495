package io.backprop.training;

import java.time.Duration;
import java.util.List;

import io.backprop.metrics.Evaluation;
import io.backprop.metrics.Metrics;
import io.backprop.network.Checkpoint;
import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.Predictor;
import io.backprop.network.TrainingOptions;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;

/**
 * Everything one job needs to train a model from the start and to measure the result; deterministic, so it can
 * be run again. The validation rows (null when none are held out) are measured every epoch and never trained
 * on; the job stops and fails after {@code timeLimit} (capped by the server's limit). {@code labels} (null for
 * regression) and {@code transform} say how the network's numbers read as classes or in the targets' units.
 * {@code folds} (null: none) are the trainings of cross-validation, run after the model's own.
 * {@code resume} (null: from the start) is the checkpoint a job that ran before goes on from.
 */
public record TrainingJob(String modelId, NetworkSpec spec, Parameters initial, Examples training,
        Examples validation, TrainingOptions options, Duration timeLimit, LabelEncoding labels,
        RowTransform transform, List<Fold> folds, Resume resume) {

    /**
     * One fold of cross-validation: the rows it trains on and the fold it is validated on, transformed by the
     * preprocessing fitted on its own training rows.
     */
    public record Fold(Examples training, Examples validation, RowTransform transform) {
    }

    /** Where a job that ran before goes on from: its last checkpoint and the learning curve up to it. */
    public record Resume(Checkpoint checkpoint, List<CurvePoint> curve) {
    }

    /** The same job, going on from {@code from}. */
    public TrainingJob resumingFrom(Resume from) {
        return new TrainingJob(modelId, spec, initial, training, validation, options, timeLimit, labels, transform,
                folds, from);
    }

    /** How trained parameters fit the training rows and, when some were held out, the validation rows. */
    public Metrics metrics(Parameters trained) {
        Predictor predictor = new Predictor(spec, trained);
        return new Metrics(Evaluation.of(predictor, training, labels, transform),
                validation == null ? null : Evaluation.of(predictor, validation, labels, transform));
    }

    /** How parameters trained on a fold's training rows fit the fold. */
    public Evaluation foldMetrics(Fold fold, Parameters trained) {
        return Evaluation.of(new Predictor(spec, trained), fold.validation(), labels, fold.transform());
    }
}
