package io.backprop.model;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/** 40 rows of y = sin(3x) plus noise, as JSON matrices: few enough for a wide network to overfit. */
final class NoisySine {

    static final String FEATURES;
    static final String TARGETS;

    static {
        Random random = new Random(42);
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
            y[i] = Math.sin(3 * x[i]) + random.nextGaussian() * 0.3;
        }
        FEATURES = column(x);
        TARGETS = column(y);
    }

    private static String column(double[] values) {
        return Arrays.stream(values).mapToObj(v -> "[" + v + "]").collect(Collectors.joining(",", "[", "]"));
    }

    private NoisySine() {
    }
}
