package io.backprop.model;

import java.util.List;

import io.backprop.preprocessing.Scaling;
import io.swagger.v3.oas.annotations.media.Schema;

/** How raw rows are turned into the network's inputs and targets. */
@Schema(description = "Feature crosses are computed first, then scaling; statistics come from the training rows")
public record Preprocessing(
        @Schema(description = "none (default), max (divide by the largest absolute value), minmax or standard")
        Scaling featureScaling,
        @Schema(description = "Regression only: the same choices; predictions come back in the original units")
        Scaling targetScaling,
        @Schema(description = "Products of named features appended as new inputs; [\"x1\",\"x1\"] is x1²",
                example = "[[\"x1\",\"x2\"]]") List<List<String>> featureCrosses) {
}
