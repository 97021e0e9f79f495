package io.backprop.dataset;

import java.util.List;

/**
 * What a file read as a data set holds besides its feature rows (which went on as they were read): the columns'
 * names, and either numeric targets or one class label per row.
 */
public record TabularData(List<String> featureNames, List<String> targetNames, double[][] targets,
        List<Object> labels) {

    public int rows() {
        return targets != null ? targets.length : labels.size();
    }
}
