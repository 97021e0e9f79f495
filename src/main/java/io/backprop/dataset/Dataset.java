package io.backprop.dataset;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A stored data set's row: its name, size, column summary and the bytes it holds in the store with its rows; the
 * rows live in their own table.
 */
record Dataset(@Id String id, String name, int rowCount, ColumnSummaries summary, long storedBytes,
        Instant createdAt) {
}
