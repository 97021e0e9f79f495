package io.backprop.model;

import io.backprop.network.Activation;

/** Class indices from a classifier's outputs: 1 when a single sigmoid output reaches 0.5, else the argmax. */
final class Labels {

    private Labels() {
    }

    static int[] of(double[][] outputs, Activation output) {
        int[] labels = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            labels[i] = output == Activation.SIGMOID && outputs[i].length == 1 ? (outputs[i][0] >= 0.5 ? 1 : 0)
                    : argmax(outputs[i]);
        }
        return labels;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
