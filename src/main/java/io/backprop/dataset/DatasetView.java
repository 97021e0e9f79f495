package io.backprop.dataset;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored data set as clients see it: its shape and columns, not its rows. */
@Schema(description = "A stored data set: its shape, columns and simple statistics")
public record DatasetView(String id, String name, int rows, List<String> featureNames, List<String> targetNames,
        @Schema(description = "True when the target is a column of class labels") boolean labels,
        List<ColumnSummary> columns, Instant createdAt) {
}
