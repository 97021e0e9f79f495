package io.backprop.bench;

import java.util.Arrays;

/**
 * One implementation's figures for one workload (the median run's, and the best run's time); NaN where a
 * figure does not apply.
 */
record Measurement(String workload, double seconds, double bestSeconds, double microsPerEpoch, double gflops,
        double cost, double accuracy) {

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
