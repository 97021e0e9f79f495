package io.backprop.network;

import java.util.List;

/** The two tutorials' data sets and networks, as the tests use them. */
final class Tutorials {

    static final double[][] GATE_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final Examples OR = new Examples(GATE_INPUTS, new double[][] {{0}, {1}, {1}, {1}});
    static final Examples XOR = new Examples(GATE_INPUTS, new double[][] {{0}, {1}, {1}, {0}});

    /** Hours studied and slept, each divided by its column's maximum (5 and 10 over the four rows). */
    static final Examples EXAM = new Examples(new double[][] {{2 / 5.0, 9 / 10.0}, {1 / 5.0, 5 / 10.0},
            {3 / 5.0, 6 / 10.0}}, new double[][] {{0.92}, {0.86}, {0.89}});

    /** The first tutorial's single sigmoid unit with w₁ = 0.1, w₂ = 0.6 and b = 0. */
    static final NetworkSpec OR_UNIT = new NetworkSpec(2, List.of(new LayerSpec(1, Activation.SIGMOID,
            WeightInit.PLAIN, true, new double[][] {{0.1, 0.6}}, null)), Loss.SQUARED_ERROR);

    static final NetworkSpec XOR_2_3_1 = twoThreeOne(true, Precision.FLOAT64);

    static final NetworkSpec EXAM_2_3_1 = twoThreeOne(false, Precision.FLOAT64);

    static NetworkSpec twoThreeOne(boolean bias, Precision precision) {
        return new NetworkSpec(2, List.of(new LayerSpec(3, Activation.SIGMOID, WeightInit.XAVIER, bias),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.XAVIER, bias)), Loss.SQUARED_ERROR, precision);
    }

    /** Share of rows whose single output lands on the right side of 0.5. */
    static double accuracy(double[][] outputs, Examples examples) {
        int right = 0;
        double[][] targets = examples.targets().toArray();
        for (int i = 0; i < outputs.length; i++) {
            right += (outputs[i][0] > 0.5) == (targets[i][0] > 0.5) ? 1 : 0;
        }
        return (double) right / outputs.length;
    }

    private Tutorials() {
    }
}
