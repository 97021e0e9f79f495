package io.backprop.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.FittedScaling;
import io.backprop.preprocessing.RowTransform;
import io.backprop.preprocessing.Scaling;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What preprocessing learned from a model's training rows, as clients see it and as it is stored: the raw
 * feature names, the crosses, and per scaled column the statistics its scaling uses. The project's own record,
 * mapped to and from the library's {@link RowTransform}, so that refactoring the library changes neither the API
 * nor stored models.
 */
@Schema(description = "The fitted preprocessing: input columns after crosses, and the statistics of the training "
        + "rows each scaling uses")
public record FittedPreprocessing(List<String> featureNames, List<List<String>> featureCrosses, Scaled features,
        @Schema(description = "Regression only; null for classifiers") Scaled targets) {

    /** A scaling and, per column, the statistics it was fitted on. */
    public record Scaled(Scaling scaling, List<Column> columns) {
    }

    /** A column's name and its statistics over the training rows; null for a column that is not scaled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, Double min, Double max, Double mean, Double standardDeviation) {
    }

    static FittedPreprocessing of(RowTransform transform) {
        return new FittedPreprocessing(transform.featureNames(), transform.featureCrosses(),
                scaled(transform.features()), transform.targets() == null ? null : scaled(transform.targets()));
    }

    public RowTransform transform() {
        return new RowTransform(featureNames, featureCrosses, fitted(features), targets == null ? null : fitted(targets));
    }

    private static Scaled scaled(FittedScaling fitted) {
        return new Scaled(fitted.scaling(), fitted.columns().stream()
                .map(c -> new Column(c.name(), measured(c.min()), measured(c.max()), measured(c.mean()),
                        measured(c.standardDeviation()))).toList());
    }

    private static FittedScaling fitted(Scaled scaled) {
        return new FittedScaling(scaled.scaling(), scaled.columns().stream()
                .map(c -> new ColumnStatistics(c.name(), orNaN(c.min()), orNaN(c.max()), orNaN(c.mean()),
                        orNaN(c.standardDeviation()))).toList());
    }

    private static Double measured(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
