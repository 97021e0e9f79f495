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
        @Schema(description = "Seeds weight initialisation and shuffling; the same request with the same seed "
                + "gives identical parameters. Default: drawn at random and shown in the spec", example = "7")
        Long seed) {
}
