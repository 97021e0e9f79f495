package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic features: products of named columns, appended after them. {@code ["x1","x2"]} adds x1·x2 (the
 * first tutorial's XOR trick), {@code ["x1","x1"]} adds x1²; any number of factors may be multiplied.
 */
public final class FeatureCrosses {

    private FeatureCrosses() {
    }

    /** The column names after crossing: the original ones, then one per cross, e.g. {@code x1*x2}. */
    public static List<String> names(List<String> features, List<List<String>> crosses) {
        List<String> names = new ArrayList<>(features);
        for (List<String> cross : crosses) {
            names.add(String.join("*", cross));
        }
        return names;
    }

    /** The rows with the crossed columns appended. */
    public static double[][] apply(double[][] rows, List<String> features, List<List<String>> crosses) {
        int[][] factors = new int[crosses.size()][];
        for (int c = 0; c < crosses.size(); c++) {
            factors[c] = crosses.get(c).stream().mapToInt(features::indexOf).toArray();
        }
        double[][] crossed = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int width = rows[i].length;
            crossed[i] = java.util.Arrays.copyOf(rows[i], width + crosses.size());
            for (int c = 0; c < factors.length; c++) {
                double product = 1;
                for (int factor : factors[c]) {
                    product *= rows[i][factor];
                }
                crossed[i][width + c] = product;
            }
        }
        return crossed;
    }
}
