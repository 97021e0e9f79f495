package io.backprop.model.spec;

import java.util.List;

import io.backprop.dataset.RowSet;
import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of the data a model was trained on (the rows themselves are not repeated in answers). */
@Schema(description = "The shape of the data the model was trained on")
public record DatasetSummary(
        @Schema(description = "The stored data set trained on, when the request named one") String datasetId,
        int rows, int features, int targets, List<String> featureNames, List<String> targetNames,
        @Schema(description = "True when the targets were class labels") boolean labels) {

    static DatasetSummary of(String datasetId, RowSet rows) {
        return new DatasetSummary(datasetId, rows.rows(), rows.featureCount(), rows.targetCount(),
                rows.featureNames(), rows.targetNames(), rows.labels() != null);
    }
}
