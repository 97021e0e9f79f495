package io.backprop.prediction;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A two-input model's output over a grid (the tutorials' shaded decision boundary), with the training points.
 * Cell [i][j] lies at (xs[j], ys[i]).
 */
@Schema(description = "The model's output over a grid of the two raw input features: values (single-output models) "
        + "and winners (classifiers: the class index per cell), cell [i][j] at (xs[j], ys[i]); and the training "
        + "points with their labels (at most 10,000, spread evenly over the training rows)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionBoundary(List<String> features, double[] xs, double[] ys,
        @Schema(description = "Single-output models: the output per cell, in the targets' units") double[][] values,
        @Schema(description = "Classifiers: the index in classes of the class each cell predicts; -1 where the "
                + "outputs are not numbers (a grid beyond the range the network's arithmetic holds)") int[][] winners,
        List<Object> classes, List<Point> points) {

    /** The most training points one answer carries: enough to see the data, not a copy of a large set. */
    static final int MAX_POINTS = 10_000;

    /** A training row: its two features and its label (a class for classifiers, the target for regression). */
    public record Point(double x, double y, Object label) {
    }
}
