package io.backprop.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** Rows to predict, in the model's feature columns: given, or every row of a stored data set. */
@Schema(description = "Rows to predict, one value per feature column: features, or datasetId")
public record PredictionRequest(
        @Schema(example = "[[0,0],[0,1],[1,0],[1,1]]") double[][] features,
        @Schema(description = "Instead of features: predict every row of this stored data set, streamed (ask for "
                + "text/csv to get the class probabilities too)") String datasetId) {
}
