package io.backprop.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of the data a model was trained on (the rows themselves are not repeated in answers). */
@Schema(description = "The shape of the training data")
public record DatasetSummary(int rows, int features, int targets, List<String> featureNames) {
}
