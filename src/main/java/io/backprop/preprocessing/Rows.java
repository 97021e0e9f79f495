package io.backprop.preprocessing;

/** Row selections: index lists into a matrix of examples. */
public final class Rows {

    private Rows() {
    }

    /** 0, 1, …, count − 1 */
    public static int[] all(int count) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The selected rows of {@code values}, in the order given (the rows are shared, not copied). */
    public static double[][] select(double[][] values, int[] rows) {
        double[][] selected = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = values[rows[i]];
        }
        return selected;
    }
}
