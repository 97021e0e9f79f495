package io.backprop.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A data set's columns at a glance, stored as one JSON array. */
record ColumnSummaries(@JsonValue List<ColumnSummary> columns) {

    @JsonCreator
    ColumnSummaries {
        columns = List.copyOf(columns);
    }
}
