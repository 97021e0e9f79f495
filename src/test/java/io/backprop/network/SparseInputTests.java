package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first layer's products through the index of nonzero values give OpenBLAS's results. */
class SparseInputTests {

    private static final int INPUTS = 30;

    /** Units: whole vectors; a block of registers, a vector and a remainder; fewer than a vector. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void productsShouldMatchOpenBlasOverAnyBatchOfRows(int shape) {
        int units = new int[] {2 * SparseInput.LANES, SparseInput.BLOCK + SparseInput.LANES + 3, 5}[shape];
        double[][] rows = mostlyZeros(40, INPUTS, 0.2, 1);
        int[] order = shuffled(rows.length, 2);
        SparseInput index = SparseInput.of(RowSource.of(rows), units);
        index.select(order, 8, 16);
        Matrix batch = Backend.ND4J.of(RowSource.of(rows).select(java.util.Arrays.copyOfRange(order, 8, 24)),
                Precision.FLOAT32);
        Matrix weights = random(INPUTS, units, 3);
        Matrix delta = random(16, units, 4);

        Matrix sparse = Backend.ND4J.zeros(16, units, Precision.FLOAT32);
        Matrix dense = Backend.ND4J.zeros(16, units, Precision.FLOAT32);
        index.multiply(weights, sparse);
        dense.assignProduct(batch, weights);
        assertClose(sparse, dense);

        Matrix sparseGradient = Backend.ND4J.zeros(INPUTS, units, Precision.FLOAT32);
        Matrix denseGradient = Backend.ND4J.zeros(INPUTS, units, Precision.FLOAT32);
        index.assignTransposedProduct(delta, sparseGradient);
        denseGradient.assignTransposedProduct(batch, delta);
        assertClose(sparseGradient, denseGradient);

        Matrix stepped = random(INPUTS, units, 3);
        index.addTransposedProduct(delta, weights, -0.5);
        stepped.addTransposedProduct(batch, delta, -0.5);
        assertClose(weights, stepped);
    }

    @Test
    void rowsIndexedFromTheEnginesMemoryShouldGiveTheSameProducts() {
        double[][] rows = mostlyZeros(2_100, INPUTS, 0.1, 5);
        Matrix loaded = Backend.ND4J.of(RowSource.of(rows), Precision.FLOAT32);
        SparseInput read = SparseInput.of(RowSource.of(rows), 20);
        SparseInput inMemory = SparseInput.of(loaded, 20);
        Matrix weights = random(INPUTS, 20, 6);
        Matrix a = Backend.ND4J.zeros(100, 20, Precision.FLOAT32);
        Matrix b = Backend.ND4J.zeros(100, 20, Precision.FLOAT32);
        read.select(null, 2_000, 100);
        inMemory.select(null, 2_000, 100);
        read.multiply(weights, a);
        inMemory.multiply(weights, b);
        assertThat(a.toArray()).isDeepEqualTo(b.toArray());
    }

    @Test
    void rowsWithMoreThanHalfTheirValuesNonzeroShouldNotBeIndexed() {
        assertThat(SparseInput.of(RowSource.of(mostlyZeros(50, INPUTS, 0.45, 7)), 8)).isNotNull();
        assertThat(SparseInput.of(RowSource.of(mostlyZeros(50, INPUTS, 0.7, 7)), 8)).isNull();
    }

    @Test
    void theIndexShouldBeTakenWhereItSavesTime() {
        // W5: 784 inputs into 128 units, a fifth nonzero, 2 epochs of batches of 128
        assertThat(SparseInputChoice.pays(128, 0.2, 2, 128)).isTrue();
        assertThat(SparseInputChoice.pays(128, 0.5, 2, 128)).as("too dense").isFalse();
        assertThat(SparseInputChoice.pays(64, 0.3, 2, 128)).as("measured at par").isFalse();
        assertThat(SparseInputChoice.pays(128, 0.2, 2, 1)).as("copying the weights every row").isFalse();
        assertThat(SparseInputChoice.pays(SparseInput.LANES - 1, 0.01, 100, 128)).as("no whole vector").isFalse();
        assertThat(SparseInputChoice.density(new float[] {0, 1, -0f, 2.5f})).isEqualTo(0.5);
    }

    /**
     * Training through the index ends where training through OpenBLAS does, to float32's round-off: plain
     * descent (its step taken in the product), and Adam with L2 (from the gradient), in shuffled batches.
     */
    @Test
    void trainingThroughTheIndexShouldMatchOpenBlas() {
        NetworkSpec spec = new NetworkSpec(INPUTS, List.of(new LayerSpec(20, Activation.RELU, WeightInit.HE, true),
                new LayerSpec(3, Activation.SOFTMAX, WeightInit.XAVIER, true)), Loss.CROSS_ENTROPY, Precision.FLOAT32);
        double[][] features = mostlyZeros(90, INPUTS, 0.2, 8);
        double[][] targets = new double[90][3];
        for (int i = 0; i < 90; i++) {
            targets[i][(int) Math.floor(Math.abs(features[i][0] + features[i][1] * 3 + features[i][2] * 7)) % 3] = 1;
        }
        Examples examples = new Examples(features, targets);
        Parameters initial = Parameters.initial(spec, 9);
        TrainingOptions descent = new TrainingOptions(15, 0.3, 16, true, 10);
        TrainingOptions adam = descent.withOptimizer(new Optimizer.Adam(0.9, 0.999, 1e-8)).withL2(0.01);

        assertThat(withSparseInput("on", () -> SparseInputChoice.forTraining(spec, descent, 90, null,
                examples.features()))).as("the index is taken").isNotNull();
        assertThat(withSparseInput("off", () -> SparseInputChoice.forTraining(spec, descent, 90, null,
                examples.features()))).isNull();
        for (TrainingOptions options : List.of(descent, adam)) {
            Parameters sparse = withSparseInput("on", () -> Trainer.train(spec, initial, examples, options,
                    EpochListener.NONE).parameters());
            Parameters dense = withSparseInput("off", () -> Trainer.train(spec, initial, examples, options,
                    EpochListener.NONE).parameters());
            ParametersAssert.assertClose(sparse, dense, 1e-4);
            assertThat(new Predictor(spec, sparse).cost(examples)).isCloseTo(
                    new Predictor(spec, dense).cost(examples), within(1e-5));
        }
    }

    static <T> T withSparseInput(String mode, Supplier<T> work) {
        String before = System.getProperty(SparseInputChoice.PROPERTY);
        System.setProperty(SparseInputChoice.PROPERTY, mode);
        try {
            return work.get();
        }
        finally {
            if (before == null) {
                System.clearProperty(SparseInputChoice.PROPERTY);
            }
            else {
                System.setProperty(SparseInputChoice.PROPERTY, before);
            }
        }
    }

    /** Rows with about {@code share} of their values nonzero; some of the zeros are −0. */
    private static double[][] mostlyZeros(int rows, int columns, double share, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextDouble() < share ? random.nextGaussian() : random.nextBoolean() ? 0.0 : -0.0;
            }
        }
        return values;
    }

    private static int[] shuffled(int rows, long seed) {
        List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, rows).boxed().toList());
        java.util.Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Matrix random(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Backend.ND4J.of(RowSource.of(values), Precision.FLOAT32);
    }

    private static void assertClose(Matrix actual, Matrix expected) {
        for (int i = 0; i < expected.size(); i++) {
            double tolerance = 1e-5 * (1 + Math.abs(expected.get(i)));
            assertThat(actual.get(i)).as("element %d", i).isCloseTo(expected.get(i), within(tolerance));
        }
    }
}
