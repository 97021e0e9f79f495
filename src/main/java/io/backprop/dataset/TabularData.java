package io.backprop.dataset;

import java.util.List;

/**
 * What a file read as a data set holds besides its feature rows (which went on as they were read): the columns'
 * names, and either numeric targets (none, when no target column is named) or one class label per row.
 */
public record TabularData(List<String> featureNames, List<String> targetNames, double[][] targets,
        List<Object> labels) {

    /** Rows of features alone, no target named: a data set to predict, not to train on. */
    static TabularData featuresOnly(List<String> featureNames, int rows) {
        return new TabularData(featureNames, List.of(), new double[rows][0], null);
    }

    public int rows() {
        return targets != null ? targets.length : labels.size();
    }
}
