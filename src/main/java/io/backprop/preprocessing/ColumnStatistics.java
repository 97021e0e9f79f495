package io.backprop.preprocessing;

/** A numeric column's minimum, maximum, mean and (population) standard deviation. */
public record ColumnStatistics(String name, double min, double max, double mean, double standardDeviation) {

    /** Statistics of {@code column} over the rows {@code rows} of {@code values}. */
    public static ColumnStatistics of(String name, double[][] values, int column, int[] rows) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int row : rows) {
            double v = values[row][column];
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / rows.length;
        double squares = 0;
        for (int row : rows) {
            double d = values[row][column] - mean;
            squares += d * d;
        }
        return new ColumnStatistics(name, min, max, mean, Math.sqrt(squares / rows.length));
    }

    /** Statistics over all rows. */
    public static ColumnStatistics of(String name, double[][] values, int column) {
        return of(name, values, column, Rows.all(values.length));
    }
}
