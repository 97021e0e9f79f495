package io.backprop.metrics;

/**
 * How far predictions are from actual values, in their own units: root mean squared error and mean absolute
 * error over all outputs, and R² averaged over the outputs (1 for a perfect fit; an output whose actual values
 * are all equal counts 1 if predicted exactly, else 0).
 */
public record RegressionReport(double rmse, double mae, double r2) {

    public static RegressionReport of(double[][] actual, double[][] predicted) {
        int rows = actual.length;
        int outputs = actual[0].length;
        double squares = 0;
        double absolutes = 0;
        double r2 = 0;
        for (int k = 0; k < outputs; k++) {
            double mean = 0;
            for (double[] row : actual) {
                mean += row[k] / rows;
            }
            double residual = 0;
            double total = 0;
            for (int i = 0; i < rows; i++) {
                double error = predicted[i][k] - actual[i][k];
                residual += error * error;
                absolutes += Math.abs(error);
                total += (actual[i][k] - mean) * (actual[i][k] - mean);
            }
            squares += residual;
            r2 += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        int values = rows * outputs;
        return new RegressionReport(Math.sqrt(squares / values), absolutes / values, r2 / outputs);
    }
}
