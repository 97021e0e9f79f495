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
    void costShouldBeTheMeanLoss() {
        Predictor predictor = new Predictor(Tutorials.OR_UNIT, Parameters.initial(Tutorials.OR_UNIT, 1));

        assertThat(predictor.cost(Tutorials.OR)).isCloseTo(0.0889, within(0.00005));
    }
}
