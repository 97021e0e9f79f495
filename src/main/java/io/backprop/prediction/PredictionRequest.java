package io.backprop.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** Rows to predict, in the model's feature columns. */
@Schema(description = "Rows to predict, one value per feature column")
public record PredictionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[[0,0],[0,1],[1,0],[1,1]]") double[][] features) {
}
