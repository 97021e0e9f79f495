package io.backprop.dataset;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/** A stored data set's row: its name, size and column summary (JSON); the rows live in their own table. */
record Dataset(@Id String id, String name, int rowCount, String summary, Instant createdAt) {
}
