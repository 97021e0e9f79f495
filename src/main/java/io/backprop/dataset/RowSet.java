package io.backprop.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.backprop.network.RowSource;

/**
 * Examples as the service works with them: the column names, the targets (numbers, or one class label per
 * row) in memory, and the features read only when asked for, which for a stored data set means reading its
 * chunks; a model can be checked against its targets without its features ever being read.
 */
public final class RowSet {

    private final List<String> featureNames;
    private final List<String> targetNames;
    private final int rows;
    private final double[][] targets;
    private final List<Object> labels;
    private final Supplier<RowSource> featureReader;
    private RowSource features;

    RowSet(List<String> featureNames, List<String> targetNames, int rows, double[][] targets, List<Object> labels,
            Supplier<RowSource> features) {
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.copyOf(targetNames);
        this.rows = rows;
        this.targets = targets;
        this.labels = labels;
        this.featureReader = features;
    }

    /** Rows given inline in a request (already checked). */
    public static RowSet of(DatasetInput input) {
        RowSource features = RowSource.of(input.features());
        double[][] targets = input.featuresAlone() ? new double[input.rows()][0] : input.targets();
        return new RowSet(input.featureNamesOrDefault(), input.targetNamesOrDefault(), input.rows(), targets,
                input.labels(), () -> features);
    }

    /** Stored targets: class numbers into {@code classes} when there are classes, else the numbers themselves. */
    static RowSet stored(List<String> featureNames, List<String> targetNames, double[][] targets,
            List<Object> classes, Supplier<RowSource> features) {
        if (classes == null) {
            return new RowSet(featureNames, targetNames, targets.length, targets, null, features);
        }
        List<Object> labels = new ArrayList<>(targets.length);
        for (double[] row : targets) {
            labels.add(classes.get((int) row[0]));
        }
        return new RowSet(featureNames, targetNames, targets.length, null, labels, features);
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return featureNames.size();
    }

    public int targetCount() {
        return targetNames.size();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> targetNames() {
        return targetNames;
    }

    /** Numeric targets, one row per example; null when the targets are class labels. */
    public double[][] targets() {
        return targets;
    }

    /** One class label per example; null when the targets are numbers. */
    public List<Object> labels() {
        return labels;
    }

    /** The feature rows, read on first use. */
    public synchronized RowSource features() {
        if (features == null) {
            features = featureReader.get();
        }
        return features;
    }
}
