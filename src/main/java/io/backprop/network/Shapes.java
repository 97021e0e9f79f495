package io.backprop.network;

/** Describes array shapes in error messages. */
final class Shapes {

    private Shapes() {
    }

    /** "4 × 2", or "ragged (4 rows of 1 to 3 values)" when the rows differ in length. */
    static String describe(double[][] rows) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (double[] row : rows) {
            int length = row == null ? 0 : row.length;
            min = Math.min(min, length);
            max = Math.max(max, length);
        }
        if (rows.length == 0) {
            return "0 rows";
        }
        return min == max ? rows.length + " × " + max
                : "ragged (" + rows.length + " rows of " + min + " to " + max + " values)";
    }

    static String describe(int rows, int columns) {
        return rows + " × " + columns;
    }
}
