package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Scaling} with the statistics it was fitted on, one entry per column. It maps x to (x − offset) /
 * divisor; a constant column (zero range, deviation or maximum) keeps divisor 1, so it never produces NaN.
 */
public record FittedScaling(Scaling scaling, List<ColumnStatistics> columns) {

    public FittedScaling {
        columns = List.copyOf(columns);
    }

    /** Fits {@code scaling} to each column over the rows {@code fitRows} only (the training rows). */
    public static FittedScaling fit(Scaling scaling, List<String> names, double[][] values, int[] fitRows) {
        List<ColumnStatistics> columns = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            columns.add(ColumnStatistics.of(names.get(j), values, j, fitRows));
        }
        return new FittedScaling(scaling, columns);
    }

    /** The scaled copy of {@code values}. */
    public double[][] apply(double[][] values) {
        double[][] scaled = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                scaled[i][j] = (values[i][j] - offset(j)) / divisor(j);
            }
        }
        return scaled;
    }

    /** Back to the original units: the inverse of {@link #apply}. */
    public double[][] invert(double[][] values) {
        double[][] raw = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            raw[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                raw[i][j] = values[i][j] * divisor(j) + offset(j);
            }
        }
        return raw;
    }

    private double offset(int column) {
        ColumnStatistics c = columns.get(column);
        return switch (scaling) {
            case NONE, MAX -> 0;
            case MINMAX -> c.min();
            case STANDARD -> c.mean();
        };
    }

    private double divisor(int column) {
        ColumnStatistics c = columns.get(column);
        double divisor = switch (scaling) {
            case NONE -> 1;
            case MAX -> Math.max(Math.abs(c.min()), Math.abs(c.max()));
            case MINMAX -> c.max() - c.min();
            case STANDARD -> c.standardDeviation();
        };
        return divisor == 0 ? 1 : divisor;
    }
}
