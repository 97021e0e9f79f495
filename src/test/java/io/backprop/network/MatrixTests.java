package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation against hand-computed values, on each backend in each precision. */
class MatrixTests {

    /** The array backend is float64 only. */
    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of(Backend.ARRAY, Precision.FLOAT64), Arguments.of(Backend.ND4J, Precision.FLOAT64),
                Arguments.of(Backend.ND4J, Precision.FLOAT32));
    }

    private static final double[][] A = {{1, 2}, {3, 4}, {5, 6}};

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void productsShouldMultiplyWithAndWithoutTransposes(Backend backend, Precision precision) {
        Matrix a = backend.of(RowSource.of(A), precision);
        Matrix product = backend.zeros(3, 3, precision);
        Matrix gram = backend.zeros(2, 2, precision);
        Matrix outer = backend.zeros(3, 3, precision);

        product.assignProduct(a, backend.of(RowSource.of(new double[][] {{1, 0, 2}, {0, 1, 3}}), precision));
        gram.assignTransposedProduct(a, a);
        outer.assignProductWithTransposed(a, a);

        assertThat(product.toArray()).isEqualTo(new double[][] {{1, 2, 8}, {3, 4, 18}, {5, 6, 28}});
        assertThat(gram.toArray()).isEqualTo(new double[][] {{35, 44}, {44, 56}});
        assertThat(outer.toArray()).isEqualTo(new double[][] {{5, 11, 17}, {11, 25, 39}, {17, 39, 61}});
    }

    /** A step inside the product: this += alpha·aᵀ·b, with a matrix, a single column and a single row. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void addedTransposedProductsShouldStepFromTheMatrixItHeld(Backend backend, Precision precision) {
        Matrix a = backend.of(RowSource.of(A), precision);
        Matrix column = backend.of(RowSource.of(new double[][] {{1}, {0}, {2}}), precision);
        Matrix square = backend.of(RowSource.of(new double[][] {{1, 1}, {1, 1}}), precision);
        Matrix tall = backend.of(RowSource.of(new double[][] {{1}, {1}}), precision);
        Matrix wide = backend.of(RowSource.of(new double[][] {{1, 1}}), precision);

        square.addTransposedProduct(a, a, -0.5);
        tall.addTransposedProduct(a, column, -0.5);
        wide.addTransposedProduct(column, a, -0.5);

        // aᵀ·a = [[35, 44], [44, 56]]; aᵀ·column = columnᵀ·a = [11, 14]
        assertThat(square.toArray()).isEqualTo(new double[][] {{-16.5, -21}, {-21, -27}});
        assertThat(tall.toArray()).isEqualTo(new double[][] {{-4.5}, {-6}});
        assertThat(wide.toArray()).isEqualTo(new double[][] {{-4.5, -6}});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void rowVectorsAndColumnSumsShouldBroadcastAndReduceOverRows(Backend backend, Precision precision) {
        Matrix a = backend.of(RowSource.of(A), precision);
        Matrix sums = backend.zeros(1, 2, precision);

        a.addRowVector(backend.of(RowSource.of(new double[][] {{10, 20}}), precision));
        sums.assignColumnSums(a);

        assertThat(a.toArray()).isEqualTo(new double[][] {{11, 22}, {13, 24}, {15, 26}});
        assertThat(sums.toArray()).isEqualTo(new double[][] {{39, 72}});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void activationsShouldMatchTheirDefinitions(Backend backend, Precision precision) {
        double[][] z = {{-2, 0, 3}};
        assertThat(activated(backend, precision, Activation.SIGMOID, z)[0]).containsExactly(
                new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))}, close(precision));
        assertThat(activated(backend, precision, Activation.TANH, z)[0]).containsExactly(
                new double[] {Math.tanh(-2), 0, Math.tanh(3)}, close(precision));
        assertThat(activated(backend, precision, Activation.RELU, z)[0]).containsExactly(new double[] {0, 0, 3},
                close(precision));
        assertThat(activated(backend, precision, Activation.LEAKY_RELU, z)[0]).containsExactly(new double[] {-0.02, 0, 3},
                close(precision));
        assertThat(activated(backend, precision, Activation.IDENTITY, z)[0]).containsExactly(new double[] {-2, 0, 3}, close(precision));
        double sum = Math.exp(-2) + 1 + Math.exp(3);
        assertThat(activated(backend, precision, Activation.SOFTMAX, z)[0]).containsExactly(
                new double[] {Math.exp(-2) / sum, 1 / sum, Math.exp(3) / sum}, close(precision));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void softmaxShouldNotOverflowOnLargeInputs(Backend backend, Precision precision) {
        assertThat(activated(backend, precision, Activation.SOFTMAX, new double[][] {{1000, 1000}})[0])
                .containsExactly(0.5, 0.5);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void softmaxShouldTakeEachRowOnItsOwn(Backend backend, Precision precision) {
        double[][] p = activated(backend, precision, Activation.SOFTMAX, new double[][] {{0, Math.log(3)}, {50, 50}});
        assertThat(p[0]).containsExactly(new double[] {0.25, 0.75}, close(precision));
        assertThat(p[1]).containsExactly(new double[] {0.5, 0.5}, close(precision));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void reluShouldPassGradientsOnlyWherePositive(Backend backend, Precision precision) {
        double[][] a = {{0, 1e-30, 7}, {3, 0, 0}};
        double[][] g = {{-2, -4, 8}, {9, 5, -6}};
        double[][] chained = chained(backend, precision, Activation.RELU, g, a);
        assertThat(chained[0]).containsExactly(new double[] {0, -4, 8}, close(precision));
        assertThat(chained[1]).containsExactly(new double[] {9, 0, 0}, close(precision));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void derivativesShouldBeChainedThroughTheActivationOutput(Backend backend, Precision precision) {
        double[][] a = {{0.25, 0.5, -0.5}};
        double[][] g = {{2, 4, 8}};
        assertThat(chained(backend, precision, Activation.SIGMOID, g, a)[0]).containsExactly(
                new double[] {2 * 0.25 * 0.75, 4 * 0.25, 8 * -0.5 * 1.5}, close(precision));
        assertThat(chained(backend, precision, Activation.TANH, g, a)[0]).containsExactly(
                new double[] {2 * (1 - 0.0625), 4 * 0.75, 8 * 0.75}, close(precision));
        assertThat(chained(backend, precision, Activation.RELU, g, a)[0]).containsExactly(new double[] {2, 4, 0}, close(precision));
        assertThat(chained(backend, precision, Activation.LEAKY_RELU, g, a)[0]).containsExactly(new double[] {2, 4, 0.08},
                close(precision));
        assertThat(chained(backend, precision, Activation.IDENTITY, g, a)[0]).containsExactly(new double[] {2, 4, 8}, close(precision));
        // softmax: a ⊙ (g − g·a) with g·a = 0.5 + 2 + 2 = 0.5
        double[][] p = {{0.25, 0.25, 0.5}};
        double dot = 2 * 0.25 + 4 * 0.25 + 8 * 0.5;
        assertThat(chained(backend, precision, Activation.SOFTMAX, g, p)[0]).containsExactly(
                new double[] {0.25 * (2 - dot), 0.25 * (4 - dot), 0.5 * (8 - dot)}, close(precision));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void differencesAndScaledSumsShouldWorkInPlace(Backend backend, Precision precision) {
        Matrix a = backend.of(RowSource.of(new double[][] {{5, 7}}), precision);
        Matrix b = backend.of(RowSource.of(new double[][] {{1, 2}}), precision);
        Matrix d = backend.zeros(1, 2, precision);

        d.assignDifference(a, b, 0.5);
        a.addScaled(b, -2);

        assertThat(d.toArray()).isEqualTo(new double[][] {{2, 2.5}});
        assertThat(a.toArray()).isEqualTo(new double[][] {{3, 3}});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void lossSumsShouldMatchHandComputedValues(Backend backend, Precision precision) {
        Matrix predictions = backend.of(RowSource.of(new double[][] {{0.8, 0.2}, {0.4, 0.6}}), precision);
        Matrix targets = backend.of(RowSource.of(new double[][] {{1, 0}, {0, 1}}), precision);

        assertThat(predictions.lossSum(Loss.SQUARED_ERROR, targets)).isCloseTo(
                0.5 * (0.04 + 0.04 + 0.16 + 0.16), close(precision));
        assertThat(predictions.lossSum(Loss.BINARY_CROSS_ENTROPY, targets)).isCloseTo(
                -2 * Math.log(0.8) - 2 * Math.log(0.6), close(precision));
        assertThat(predictions.lossSum(Loss.CROSS_ENTROPY, targets)).isCloseTo(
                -Math.log(0.8) - Math.log(0.6), close(precision));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void crossEntropyOfASaturatedWrongOutputShouldBeLargeButFinite(Backend backend, Precision precision) {
        Matrix predictions = backend.of(RowSource.of(new double[][] {{1.0}}), precision);
        Matrix targets = backend.of(RowSource.of(new double[][] {{0.0}}), precision);

        assertThat(predictions.lossSum(Loss.BINARY_CROSS_ENTROPY, targets)).isCloseTo(-Math.log(1e-12),
                within(1e-3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void rowsShouldBeReadInTheGivenOrder(Backend backend, Precision precision) {
        Matrix batch = backend.zeros(2, 2, precision);

        batch.loadRows(RowSource.of(A), new int[] {0, 2, 1}, 1);

        assertThat(batch.toArray()).isEqualTo(new double[][] {{5, 6}, {3, 4}});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void rowsOfAMatrixShouldBeCopiedInTheGivenOrder(Backend backend, Precision precision) {
        Matrix batch = backend.zeros(2, 2, precision);

        batch.assignRows(backend.of(RowSource.of(A), precision), new int[] {0, 2, 1}, 1);

        assertThat(batch.toArray()).isEqualTo(new double[][] {{5, 6}, {3, 4}});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void withoutAnOrderConsecutiveRowsShouldBeRead(Backend backend, Precision precision) {
        Matrix batch = backend.zeros(2, 2, precision);

        batch.loadRows(RowSource.of(A), null, 1);
        Matrix copied = backend.zeros(2, 2, precision);
        copied.assignRows(backend.of(RowSource.of(A), precision), null, 1);

        assertThat(batch.toArray()).isEqualTo(new double[][] {{3, 4}, {5, 6}});
        assertThat(copied.toArray()).isEqualTo(batch.toArray());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void consecutiveRowsBeyondOneCopyingBlockShouldAllArriveInOrder(Backend backend, Precision precision) {
        // 5,000 × 7 values: many of the blocks a row source gathers before each copy, the last one partial
        double[][] rows = new double[5_001][7];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 7; j++) {
                rows[i][j] = i * 7 + j;
            }
        }
        Matrix batch = backend.zeros(5_000, 7, precision);

        batch.loadRows(RowSource.of(rows), null, 1);

        assertThat(batch.toArray()).isEqualTo(java.util.Arrays.copyOfRange(rows, 1, 5_001));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void aBlockOfRowsShouldComputeLikeACopyOfThemAndLeaveItsWholeUsable(Backend backend, Precision precision) {
        Matrix whole = backend.of(RowSource.of(A), precision);
        Matrix block = whole.rowBlock(1, 2);
        Matrix product = backend.zeros(2, 2, precision);

        product.assignProductWithTransposed(block, block);
        block.close();

        assertThat(block.toArray()).isEqualTo(new double[][] {{3, 4}, {5, 6}});
        assertThat(product.toArray()).isEqualTo(new double[][] {{25, 39}, {39, 61}});
        assertThat(whole.toArray()).isEqualTo(A);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void mismatchedShapesShouldBeRejectedWithExpectedAndActualShape(Backend backend, Precision precision) {
        Matrix a = backend.of(RowSource.of(A), precision);
        Matrix product = backend.zeros(3, 3, precision);

        assertThatIllegalArgumentException().isThrownBy(() -> product.assignProduct(a, a))
                .withMessage("cannot multiply 3 × 2 by 3 × 2 into 3 × 3");
    }

    /** Float32 keeps about 7 significant digits. */
    private static Offset<Double> close(Precision precision) {
        return within(precision == Precision.FLOAT32 ? 1e-6 : 1e-12);
    }

    private static double[][] activated(Backend backend, Precision precision, Activation f, double[][] z) {
        Matrix m = backend.of(RowSource.of(z), precision);
        m.apply(f);
        return m.toArray();
    }

    private static double[][] chained(Backend backend, Precision precision, Activation f, double[][] gradient,
            double[][] output) {
        Matrix g = backend.of(RowSource.of(gradient), precision);
        g.multiplyByDerivative(f, backend.of(RowSource.of(output), precision));
        return g.toArray();
    }
}
