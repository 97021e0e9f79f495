package io.backprop.model;

import java.util.Locale;

import io.backprop.network.Activation;

/**
 * What a model predicts. A classifier's targets are class indicators: 0 or 1 for a single sigmoid output, one-hot
 * rows for a softmax output; anything else is regression (such as the exam scores through a sigmoid).
 */
public enum Task {
    CLASSIFICATION, REGRESSION;

    static Task of(Activation output, double[][] targets) {
        boolean indicators = switch (output) {
            case SIGMOID -> targets[0].length == 1 && everyValueIsZeroOrOne(targets);
            case SOFTMAX -> everyValueIsZeroOrOne(targets) && everyRowSumsToOne(targets);
            default -> false;
        };
        return indicators ? CLASSIFICATION : REGRESSION;
    }

    private static boolean everyValueIsZeroOrOne(double[][] targets) {
        for (double[] row : targets) {
            for (double value : row) {
                if (value != 0 && value != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean everyRowSumsToOne(double[][] targets) {
        for (double[] row : targets) {
            double sum = 0;
            for (double value : row) {
                sum += value;
            }
            if (sum != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
