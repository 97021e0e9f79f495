package io.backprop.dataset;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A stored data set's row: its name, owner, size and column summary, the row set holding its rows (shared with any
 * other data set or model of the same content) and the bytes the row itself holds.
 */
record Dataset(@Id String id, String name, String owner, int rowCount, ColumnSummaries summary, String rowSetId, long storedBytes,
        Instant createdAt) {
}
