package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PredictorTests {

    private static final NetworkSpec WIDE = new NetworkSpec(8, List.of(
            new LayerSpec(64, Activation.RELU, WeightInit.HE, true),
            new LayerSpec(3, Activation.SOFTMAX, WeightInit.XAVIER, true)), Loss.CROSS_ENTROPY);

    @Test
    void smallAndLargeBatchesShouldRunOnDifferentBackendsWithTheSameAnswers() {
        double[][] rows = new double[1000][8];
        Random random = new Random(4);
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian();
            }
        }
        assertThat(Backend.choose(WIDE, 1)).isEqualTo(Backend.ARRAY);
        assertThat(Backend.choose(WIDE, rows.length)).isEqualTo(Backend.ND4J);
        Predictor predictor = new Predictor(WIDE, Parameters.initial(WIDE, 2));

        double[][] all = predictor.predict(rows);

        for (int r = 0; r < rows.length; r += 97) {
            double[] one = predictor.predict(new double[][] {rows[r]})[0];
            for (int k = 0; k < 3; k++) {
                assertThat(one[k]).isCloseTo(all[r][k], within(1e-12));
            }
        }
    }

    @Test
    void largeCallsShouldRunInBlocksWithTheAnswersOfSmallOnes() {
        int rows = 2 * Predictor.BLOCK_ROWS + 37;
        double[][] features = new double[rows][8];
        double[][] targets = new double[rows][3];
        Random random = new Random(8);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 8; i++) {
                features[r][i] = random.nextGaussian();
            }
            targets[r][random.nextInt(3)] = 1;
        }
        Predictor predictor = new Predictor(WIDE, Parameters.initial(WIDE, 2));

        double[][] all = predictor.predict(features);
        double cost = predictor.cost(new Examples(features, targets));

        double lossSum = 0;
        for (int r = 0; r < rows; r += 97) {
            assertThat(predictor.predict(new double[][] {features[r]})[0]).containsExactly(all[r], within(1e-12));
        }
        for (int r = 0; r < rows; r++) {
            lossSum += predictor.cost(new Examples(new double[][] {features[r]}, new double[][] {targets[r]}));
        }
        assertThat(all).hasNumberOfRows(rows);
        assertThat(cost).isCloseTo(lossSum / rows, within(1e-12));
    }

    @Test
    void concurrentSmallPredictionsShouldEachGetTheirOwnAnswer() throws Exception {
        NetworkSpec spec = new NetworkSpec(8, List.of(new LayerSpec(64, Activation.RELU, WeightInit.HE, true),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.XAVIER, true)), Loss.BINARY_CROSS_ENTROPY,
                Precision.FLOAT32);
        Predictor predictor = new Predictor(spec, Parameters.initial(spec, 5));
        double[][][] inputs = new double[8][][];
        double[][][] expected = new double[8][][];
        Random random = new Random(6);
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = new double[1 + t % 3][8];
            for (double[] row : inputs[t]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian();
                }
            }
            expected[t] = predictor.predict(inputs[t]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < inputs.length; t++) {
                int task = t;
                results.add(pool.submit(() -> {
                    for (int call = 0; call < 500; call++) {
                        if (!java.util.Arrays.deepEquals(predictor.predict(inputs[task]), expected[task])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void costShouldBeTheMeanLoss() {
        Predictor predictor = new Predictor(Tutorials.OR_UNIT, Parameters.initial(Tutorials.OR_UNIT, 1));

        assertThat(predictor.cost(Tutorials.OR)).isCloseTo(0.0889, within(0.00005));
    }
}
