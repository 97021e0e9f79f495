package io.backprop.preprocessing;

import java.util.ArrayList;
import java.util.List;

import io.backprop.network.RowSource;

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

    /** The rows with the crossed columns appended, computed as they are read. */
    public static RowSource apply(RowSource rows, List<String> features, List<List<String>> crosses) {
        if (crosses.isEmpty()) {
            return rows;
        }
        int[][] factors = new int[crosses.size()][];
        for (int c = 0; c < crosses.size(); c++) {
            factors[c] = crosses.get(c).stream().mapToInt(features::indexOf).toArray();
        }
        int width = rows.columns();
        return new DerivedRows(rows, width + crosses.size()) {

            @Override
            void derive(double[] raw, double[] into, int offset) {
                System.arraycopy(raw, 0, into, offset, width);
                for (int c = 0; c < factors.length; c++) {
                    double product = 1;
                    for (int factor : factors[c]) {
                        product *= raw[factor];
                    }
                    into[offset + width + c] = product;
                }
            }
        };
    }
}
