package io.backprop.system;

import java.util.List;

/**
 * Checks a JSON matrix of numbers: present, non-empty, rectangular, within limits, finite. JSON readers turn
 * 1e400 into Infinity and accept "NaN" as a number, so finiteness is checked here, value by value.
 */
public final class MatrixChecks {

    /** A bad value or row is reported this many times at most per matrix; the rest would only repeat it. */
    private static final int MAX_REPORTS = 10;

    private MatrixChecks() {
    }

    /**
     * Reports what is wrong with {@code rows}; {@code columns} is the width it must have, or -1 for whatever its
     * first row has (at most {@code maxColumns}). Returns the width found, or -1 if there is none.
     */
    public static int check(String field, double[][] rows, int columns, int maxRows, int maxColumns,
            List<FieldViolation> violations) {
        if (rows == null) {
            violations.add(FieldViolation.of(field, null, "is required"));
            return -1;
        }
        if (rows.length == 0) {
            violations.add(FieldViolation.of(field, "[]", "must have at least one row"));
            return -1;
        }
        if (rows.length > maxRows) {
            violations.add(FieldViolation.of(field, rows.length + " rows", "must have at most " + maxRows + " rows"));
            return -1;
        }
        int width = columns >= 0 ? columns : rows[0] == null ? 0 : rows[0].length;
        if (columns < 0 && (width == 0 || width > maxColumns)) {
            violations.add(FieldViolation.of(field + "[0]", values(width),
                    "must have between 1 and " + maxColumns + " values"));
            return -1;
        }
        int reports = 0;
        for (int i = 0; i < rows.length && reports < MAX_REPORTS; i++) {
            int length = rows[i] == null ? 0 : rows[i].length;
            if (length != width) {
                violations.add(FieldViolation.of(field + "[" + i + "]", values(length), "must have " + values(width)
                        + (columns >= 0 ? "" : " like the first row")));
                reports++;
                continue;
            }
            for (int j = 0; j < length && reports < MAX_REPORTS; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    violations.add(FieldViolation.of(field + "[" + i + "][" + j + "]", rows[i][j],
                            "must be a finite number"));
                    reports++;
                }
            }
        }
        return width;
    }

    private static String values(int count) {
        return count + (count == 1 ? " value" : " values");
    }

    /** Reports non-finite values of a vector. */
    public static void checkFinite(String field, double[] values, List<FieldViolation> violations) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                violations.add(FieldViolation.of(field + "[" + i + "]", values[i], "must be a finite number"));
                return;
            }
        }
    }
}
