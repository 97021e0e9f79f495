package io.backprop.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Examples as rows: features m × n, targets m × k (k = units of the last layer). */
@Schema(description = "Examples as rows: features m × n and targets m × k, where k is the last layer's units")
public record DatasetInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[[0,0],[0,1],[1,0],[1,1]]") double[][] features,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[[0],[1],[1],[0]]") double[][] targets,
        @Schema(description = "One name per feature column", example = "[\"x1\",\"x2\"]") List<String> featureNames) {
}
