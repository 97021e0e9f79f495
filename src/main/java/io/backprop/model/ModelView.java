package io.backprop.model;

import java.time.Instant;
import java.util.List;

import io.backprop.metrics.Metrics;
import io.backprop.model.spec.ModelSpec;
import io.backprop.training.JobWorkers;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model as clients see it. */
@Schema(description = "A model: its status and progress, its full spec, what preprocessing learned from the "
        + "training rows, and once trained its metrics and how training ended")
public record ModelView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Whose model it is: the owner of the key that created it (\"local\" without keys)")
        String owner,
        @Schema(description = "Once it succeeded: its version among the models of its name (1, 2, …)")
        Integer version,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "QUEUED, RUNNING, SUCCEEDED, FAILED or "
                + "CANCELLED") ModelStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "classification when the targets are "
                + "classes, otherwise regression") Task task,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Progress progress,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ModelSpec spec,
        @Schema(description = "The fitted preprocessing: input columns after crosses, and the statistics of the "
                + "training rows each scaling uses") FittedPreprocessing preprocessing,
        @Schema(description = "Classifiers: the classes, in the order of the outputs") List<Object> classes,
        @Schema(description = "How the rows were split") Split rows,
        @Schema(description = "Set once training succeeded") Metrics metrics,
        @Schema(description = "Set once training succeeded") Outcome outcome,
        @Schema(description = "Why training failed, for FAILED models") String error,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "While the job runs: the replica running it and when it last reported it alive")
        JobWorkers.Worker worker,
        @Schema(description = "Once it succeeded: what it was trained from and with") Receipt receipt,
        @Schema(description = "For a trial of a hyper-parameter search: the search's id") String searchId,
        @Schema(description = "For a trial of a hyper-parameter search: its number in the search, from 0")
        Integer trial) {

    /** Epochs completed of those planned, the latest training cost, time spent and (while running) left. */
    @Schema(description = "Epochs completed of those planned, the latest cost, seconds spent training and, while "
            + "running, an estimate of the seconds left")
    public record Progress(int epoch, int epochs, Double cost, Double elapsedSeconds, Double etaSeconds) {
    }

    /** Rows trained on and rows held out for validation. */
    public record Split(int training, int validation) {
    }
}
