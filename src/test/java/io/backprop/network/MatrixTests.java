package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every operation against hand-computed values, on each backend. */
class MatrixTests {

    private static final Offset<Double> EXACT = within(1e-12);

    private static final double[][] A = {{1, 2}, {3, 4}, {5, 6}};

    @ParameterizedTest
    @EnumSource(Backend.class)
    void productsShouldMultiplyWithAndWithoutTransposes(Backend backend) {
        Matrix a = backend.of(A, Precision.FLOAT64);
        Matrix product = backend.zeros(3, 3, Precision.FLOAT64);
        Matrix gram = backend.zeros(2, 2, Precision.FLOAT64);
        Matrix outer = backend.zeros(3, 3, Precision.FLOAT64);

        product.assignProduct(a, backend.of(new double[][] {{1, 0, 2}, {0, 1, 3}}, Precision.FLOAT64));
        gram.assignTransposedProduct(a, a);
        outer.assignProductWithTransposed(a, a);

        assertThat(product.toArray()).isEqualTo(new double[][] {{1, 2, 8}, {3, 4, 18}, {5, 6, 28}});
        assertThat(gram.toArray()).isEqualTo(new double[][] {{35, 44}, {44, 56}});
        assertThat(outer.toArray()).isEqualTo(new double[][] {{5, 11, 17}, {11, 25, 39}, {17, 39, 61}});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowVectorsAndColumnSumsShouldBroadcastAndReduceOverRows(Backend backend) {
        Matrix a = backend.of(A, Precision.FLOAT64);
        Matrix sums = backend.zeros(1, 2, Precision.FLOAT64);

        a.addRowVector(backend.of(new double[][] {{10, 20}}, Precision.FLOAT64));
        sums.assignColumnSums(a);

        assertThat(a.toArray()).isEqualTo(new double[][] {{11, 22}, {13, 24}, {15, 26}});
        assertThat(sums.toArray()).isEqualTo(new double[][] {{39, 72}});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void activationsShouldMatchTheirDefinitions(Backend backend) {
        double[][] z = {{-2, 0, 3}};
        assertThat(activated(backend, Activation.SIGMOID, z)[0]).containsExactly(
                new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))}, EXACT);
        assertThat(activated(backend, Activation.TANH, z)[0]).containsExactly(
                new double[] {Math.tanh(-2), 0, Math.tanh(3)}, EXACT);
        assertThat(activated(backend, Activation.RELU, z)[0]).containsExactly(new double[] {0, 0, 3}, EXACT);
        assertThat(activated(backend, Activation.LEAKY_RELU, z)[0]).containsExactly(new double[] {-0.02, 0, 3},
                EXACT);
        assertThat(activated(backend, Activation.IDENTITY, z)[0]).containsExactly(new double[] {-2, 0, 3}, EXACT);
        double sum = Math.exp(-2) + 1 + Math.exp(3);
        assertThat(activated(backend, Activation.SOFTMAX, z)[0]).containsExactly(
                new double[] {Math.exp(-2) / sum, 1 / sum, Math.exp(3) / sum}, EXACT);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void softmaxShouldNotOverflowOnLargeInputs(Backend backend) {
        assertThat(activated(backend, Activation.SOFTMAX, new double[][] {{1000, 1000}})[0])
                .containsExactly(0.5, 0.5);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void derivativesShouldBeChainedThroughTheActivationOutput(Backend backend) {
        double[][] a = {{0.25, 0.5, -0.5}};
        double[][] g = {{2, 4, 8}};
        assertThat(chained(backend, Activation.SIGMOID, g, a)[0]).containsExactly(
                new double[] {2 * 0.25 * 0.75, 4 * 0.25, 8 * -0.5 * 1.5}, EXACT);
        assertThat(chained(backend, Activation.TANH, g, a)[0]).containsExactly(
                new double[] {2 * (1 - 0.0625), 4 * 0.75, 8 * 0.75}, EXACT);
        assertThat(chained(backend, Activation.RELU, g, a)[0]).containsExactly(new double[] {2, 4, 0}, EXACT);
        assertThat(chained(backend, Activation.LEAKY_RELU, g, a)[0]).containsExactly(new double[] {2, 4, 0.08},
                EXACT);
        assertThat(chained(backend, Activation.IDENTITY, g, a)[0]).containsExactly(new double[] {2, 4, 8}, EXACT);
        // softmax: a ⊙ (g − g·a) with g·a = 0.5 + 2 + 2 = 0.5
        double[][] p = {{0.25, 0.25, 0.5}};
        double dot = 2 * 0.25 + 4 * 0.25 + 8 * 0.5;
        assertThat(chained(backend, Activation.SOFTMAX, g, p)[0]).containsExactly(
                new double[] {0.25 * (2 - dot), 0.25 * (4 - dot), 0.5 * (8 - dot)}, EXACT);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void differencesAndScaledSumsShouldWorkInPlace(Backend backend) {
        Matrix a = backend.of(new double[][] {{5, 7}}, Precision.FLOAT64);
        Matrix b = backend.of(new double[][] {{1, 2}}, Precision.FLOAT64);
        Matrix d = backend.zeros(1, 2, Precision.FLOAT64);

        d.assignDifference(a, b, 0.5);
        a.addScaled(b, -2);

        assertThat(d.toArray()).isEqualTo(new double[][] {{2, 2.5}});
        assertThat(a.toArray()).isEqualTo(new double[][] {{3, 3}});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lossSumsShouldMatchHandComputedValues(Backend backend) {
        Matrix predictions = backend.of(new double[][] {{0.8, 0.2}, {0.4, 0.6}}, Precision.FLOAT64);
        Matrix targets = backend.of(new double[][] {{1, 0}, {0, 1}}, Precision.FLOAT64);

        assertThat(predictions.lossSum(Loss.SQUARED_ERROR, targets)).isCloseTo(
                0.5 * (0.04 + 0.04 + 0.16 + 0.16), EXACT);
        assertThat(predictions.lossSum(Loss.BINARY_CROSS_ENTROPY, targets)).isCloseTo(
                -2 * Math.log(0.8) - 2 * Math.log(0.6), EXACT);
        assertThat(predictions.lossSum(Loss.CROSS_ENTROPY, targets)).isCloseTo(
                -Math.log(0.8) - Math.log(0.6), EXACT);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void crossEntropyOfASaturatedWrongOutputShouldBeLargeButFinite(Backend backend) {
        Matrix predictions = backend.of(new double[][] {{1.0}}, Precision.FLOAT64);
        Matrix targets = backend.of(new double[][] {{0.0}}, Precision.FLOAT64);

        assertThat(predictions.lossSum(Loss.BINARY_CROSS_ENTROPY, targets)).isCloseTo(-Math.log(1e-12),
                within(1e-3));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowsShouldBeGatheredInTheGivenOrder(Backend backend) {
        Matrix batch = backend.zeros(2, 2, Precision.FLOAT64);

        batch.assignRows(backend.of(A, Precision.FLOAT64), new int[] {0, 2, 1}, 1);

        assertThat(batch.toArray()).isEqualTo(new double[][] {{5, 6}, {3, 4}});
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mismatchedShapesShouldBeRejectedWithExpectedAndActualShape(Backend backend) {
        Matrix a = backend.of(A, Precision.FLOAT64);
        Matrix product = backend.zeros(3, 3, Precision.FLOAT64);

        assertThatIllegalArgumentException().isThrownBy(() -> product.assignProduct(a, a))
                .withMessage("cannot multiply 3 × 2 by 3 × 2 into 3 × 3");
    }

    private static double[][] activated(Backend backend, Activation f, double[][] z) {
        Matrix m = backend.of(z, Precision.FLOAT64);
        m.apply(f);
        return m.toArray();
    }

    private static double[][] chained(Backend backend, Activation f, double[][] gradient, double[][] output) {
        Matrix g = backend.of(gradient, Precision.FLOAT64);
        g.multiplyByDerivative(f, backend.of(output, Precision.FLOAT64));
        return g.toArray();
    }
}
