package io.backprop.prediction;

import java.util.ArrayList;
import java.util.List;

import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;

/**
 * Which rectangle and how fine a grid a decision boundary covers: what the caller asked for, the rest from the
 * training rows' range plus a tenth of it on each side.
 */
record BoundaryRequest(int resolution, double xMin, double xMax, double yMin, double yMax) {

    static final int DEFAULT_RESOLUTION = 50;

    static BoundaryRequest of(Integer resolution, Double xMin, Double xMax, Double yMin, Double yMax,
            ColumnStatistics x, ColumnStatistics y, int maxResolution) {
        double[] xRange = range(x);
        double[] yRange = range(y);
        BoundaryRequest request = new BoundaryRequest(resolution == null ? DEFAULT_RESOLUTION : resolution,
                xMin == null ? xRange[0] : xMin, xMax == null ? xRange[1] : xMax, yMin == null ? yRange[0] : yMin,
                yMax == null ? yRange[1] : yMax);
        request.validate(maxResolution);
        return request;
    }

    double[] xs() {
        return steps(xMin, xMax);
    }

    double[] ys() {
        return steps(yMin, yMax);
    }

    private void validate(int maxResolution) {
        List<FieldViolation> violations = new ArrayList<>();
        if (resolution < 2 || resolution > maxResolution) {
            violations.add(FieldViolation.of("resolution", resolution, "must be between 2 and " + maxResolution));
        }
        checkRange("x", xMin, xMax, violations);
        checkRange("y", yMin, yMax, violations);
        InvalidRequestException.throwIfAny(violations);
    }

    /** An axis's ends: a finite lower end, and a finite upper end above it, less than a double's range apart. */
    private static void checkRange(String axis, double min, double max, List<FieldViolation> violations) {
        if (!Double.isFinite(min)) {
            violations.add(FieldViolation.of(axis + "Min", min, "must be a finite number"));
        }
        else if (!(Double.isFinite(max) && min < max)) {
            violations.add(FieldViolation.of(axis + "Max", max, "must be a finite number above " + axis + "Min ("
                    + min + ")"));
        }
        else if (!Double.isFinite(max - min)) {
            violations.add(FieldViolation.of(axis + "Max", max, "must be less than " + Double.MAX_VALUE + " above "
                    + axis + "Min (" + min + ")"));
        }
    }

    /** The grid's coordinates: the step is taken first, so that no product of it overflows near a double's limit. */
    private double[] steps(double from, double to) {
        double step = (to - from) / (resolution - 1);
        double[] steps = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            steps[i] = i == resolution - 1 ? to : from + step * i;
        }
        return steps;
    }

    /** The column's range widened by a tenth on each side (by 0.5 when the column is constant). */
    private static double[] range(ColumnStatistics column) {
        double margin = column.max() > column.min() ? (column.max() - column.min()) / 10 : 0.5;
        return new double[] {column.min() - margin, column.max() + margin};
    }
}
