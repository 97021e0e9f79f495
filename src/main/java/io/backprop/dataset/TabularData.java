package io.backprop.dataset;

import java.util.List;

/**
 * Examples as read from a file: numeric feature columns, and either numeric target columns or one column of
 * class labels (text or integers), with the columns' names.
 */
public record TabularData(List<String> featureNames, double[][] features, List<String> targetNames,
        double[][] targets, List<Object> labels) {

    public int rows() {
        return features.length;
    }
}
