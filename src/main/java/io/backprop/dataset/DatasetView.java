package io.backprop.dataset;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored data set as clients see it: its shape and columns, not its rows. */
@Schema(description = "A stored data set: its shape, columns and simple statistics")
public record DatasetView(String id, String name,
        @Schema(description = "Whose data set it is: the owner of the key that stored it") String owner, int rows, List<String> featureNames, List<String> targetNames,
        @Schema(description = "True when the target is a column of class labels") boolean labels,
        List<ColumnSummary> columns,
        @Schema(description = "SHA-256 of the stored rows (their binary form, whatever format they were sent in): "
                + "equal rows, equal digest") String sha256,
        @Schema(description = "Bytes the rows take in the store, shared with every data set and model of the "
                + "same rows") long bytes,
        Instant createdAt) {
}
