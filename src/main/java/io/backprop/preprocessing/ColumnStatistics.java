package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.List;

import io.backprop.network.RowSource;

/**
 * A numeric column's minimum, maximum, mean and (population) standard deviation; NaN for a column nothing
 * measured (one that is not scaled).
 */
public record ColumnStatistics(String name, double min, double max, double mean, double standardDeviation) {

    /** A column whose statistics nothing needs: it costs no pass over the rows. */
    public static ColumnStatistics unmeasured(String name) {
        return new ColumnStatistics(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean measured() {
        return !Double.isNaN(mean);
    }

    /** Statistics of every column of {@code rows}, in one pass over them. */
    public static List<ColumnStatistics> of(List<String> names, RowSource rows, int[] which) {
        Accumulator columns = new Accumulator(rows.columns());
        double[] row = new double[rows.columns()];
        for (int i : which) {
            rows.read(i, row, 0);
            columns.add(row);
        }
        return columns.statistics(names);
    }

    /**
     * Statistics gathered one row at a time, for rows that are never held together. The deviation comes from
     * sums of differences to the first row, which keeps it accurate when a column's values are far from zero
     * (sums of plain squares would cancel).
     */
    public static final class Accumulator {

        private final int columns;
        private final double[] min;
        private final double[] max;
        private final double[] shift;
        private final double[] sum;
        private final double[] squares;
        private long rows;

        public Accumulator(int columns) {
            this.columns = columns;
            this.min = new double[columns];
            this.max = new double[columns];
            this.shift = new double[columns];
            this.sum = new double[columns];
            this.squares = new double[columns];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        public void add(double[] row) {
            addRows(row, 1);
        }

        /** Adds {@code count} rows given one after another in {@code values}. */
        public void addRows(double[] values, int count) {
            for (int i = 0; i < count; i++) {
                add(values, i * columns);
            }
        }

        private void add(double[] values, int offset) {
            if (rows++ == 0) {
                System.arraycopy(values, offset, shift, 0, columns);
            }
            for (int j = 0; j < columns; j++) {
                double v = values[offset + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
                double d = v - shift[j];
                sum[j] += d;
                squares[j] += d * d;
            }
        }

        public List<ColumnStatistics> statistics(List<String> names) {
            List<ColumnStatistics> statistics = new ArrayList<>(columns);
            for (int j = 0; j < columns; j++) {
                double meanShift = sum[j] / rows;
                double variance = Math.max(0, squares[j] / rows - meanShift * meanShift);
                statistics.add(new ColumnStatistics(names.get(j), min[j], max[j], shift[j] + meanShift,
                        Math.sqrt(variance)));
            }
            return statistics;
        }
    }
}
