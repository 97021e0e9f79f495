package io.backprop.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Examples as rows: features m × n, and either numeric targets m × k or one class label per row, which is
 * encoded for the network (one-hot for a softmax output, 0/1 for a single sigmoid output).
 */
@Schema(description = "Examples as rows: features m × n, and either numeric targets m × k (k = units of the last "
        + "layer) or one class label per row; a data set stored to be predicted may hold features alone")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[[0,0],[0,1],[1,0],[1,1]]") double[][] features,
        @Schema(description = "Numeric targets, one row per example", example = "[[0],[1],[1],[0]]") double[][] targets,
        @Schema(description = "Instead of targets: the class of each example, as text or integers",
                example = "[\"setosa\",\"virginica\"]") List<Object> labels,
        @Schema(description = "One name per feature column; default x1, x2, …", example = "[\"x1\",\"x2\"]")
        List<String> featureNames,
        @Schema(description = "One name per target column (or the label column); default y, or y1, y2, …")
        List<String> targetNames) {

    /** An empty optional list is no list: generated clients send [] for every list left unset. */
    public DatasetInput {
        targets = targets != null && targets.length == 0 && features != null && features.length > 0 ? null : targets;
        labels = labels != null && labels.isEmpty() ? null : labels;
        featureNames = featureNames != null && featureNames.isEmpty() ? null : featureNames;
        targetNames = targetNames != null && targetNames.isEmpty() ? null : targetNames;
    }

    public int rows() {
        return features.length;
    }

    public int featureCount() {
        return features[0].length;
    }

    /** The feature names, or x1, x2, … when none were given. */
    public List<String> featureNamesOrDefault() {
        return featureNames != null ? featureNames : Names.numbered("x", featureCount());
    }

    /** How many target columns there are: one for labels, none for features alone. */
    public int targetCount() {
        return labels != null ? 1 : targets != null ? targets[0].length : 0;
    }

    /** Neither targets nor labels: rows to predict, which only a stored data set may be. */
    public boolean featuresAlone() {
        return targets == null && labels == null;
    }

    /** The target names, or y (y1, y2, … for several columns) when none were given. */
    public List<String> targetNamesOrDefault() {
        return targetNames != null ? targetNames : targetCount() == 1 ? List.of("y")
                : Names.numbered("y", targetCount());
    }
}
