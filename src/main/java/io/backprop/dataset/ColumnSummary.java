package io.backprop.dataset;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** A column at a glance: numeric statistics, or for a label column how many rows each class has. */
@Schema(description = "A column at a glance: statistics of a numeric column, or the class counts of a label column")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSummary(String name, @Schema(description = "feature or target") String role, Double min,
        Double max, Double mean, Double standardDeviation, Map<String, Integer> classCounts) {
}
