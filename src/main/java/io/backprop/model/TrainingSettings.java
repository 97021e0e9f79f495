package io.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** How to train; in a model's spec every default is filled in. */
@Schema(description = "How to train; a stored model's spec shows every default filled in")
public record TrainingSettings(
        @Schema(description = "Passes over the data; default 1000", minimum = "1", example = "5000") Integer epochs,
        @Schema(description = "Gradient-descent step size; default 0.1", example = "1.0") Double learningRate,
        @Schema(description = "Rows per step; null means the whole set (full-batch gradient descent)")
        Integer batchSize,
        @Schema(description = "Reshuffle the rows every epoch when training in mini-batches; default true")
        Boolean shuffle,
        @Schema(description = "Seeds weight initialisation, shuffling and the validation split; the same request "
                + "with the same seed gives identical parameters. Default: drawn at random and shown in the spec",
                example = "7") Long seed,
        @Schema(description = "Share of the rows held out to validate on (0 ≤ f < 1, default 0); stratified by "
                + "class for classifiers", example = "0.2") Double validationSplit,
        @Schema(description = "Stop when the validation cost (or without validation rows, the training cost) "
                + "stops improving, keeping the best epoch's parameters") EarlyStoppingSettings earlyStopping) {

    /** Early stopping: {@code patience} epochs without an improvement larger than {@code minDelta}. */
    @Schema(description = "Stop after patience epochs without an improvement larger than minDelta")
    public record EarlyStoppingSettings(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "50") Integer patience,
            @Schema(description = "Default 0", example = "0.0") Double minDelta) {
    }
}
