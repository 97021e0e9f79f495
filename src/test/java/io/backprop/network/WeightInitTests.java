package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WeightInitTests {

    @Test
    void plainShouldDrawSmallGaussians() {
        assertThat(standardDeviation(WeightInit.PLAIN.sample(200, 100, new Random(1)))).isCloseTo(0.01,
                within(0.0002));
    }

    @Test
    void xavierShouldScaleByFanInAndFanOut() {
        assertThat(standardDeviation(WeightInit.XAVIER.sample(200, 100, new Random(1))))
                .isCloseTo(Math.sqrt(2.0 / 300), within(0.002));
    }

    @Test
    void heShouldScaleByFanIn() {
        assertThat(standardDeviation(WeightInit.HE.sample(200, 100, new Random(1)))).isCloseTo(Math.sqrt(2.0 / 100),
                within(0.003));
    }

    @Test
    void initialParametersShouldHaveZeroBiasesAndKeepExplicitWeights() {
        NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(3, Activation.RELU, WeightInit.HE, true),
                new LayerSpec(1, Activation.SIGMOID, WeightInit.PLAIN, true, new double[][] {{1, 2, 3}}, null)),
                Loss.SQUARED_ERROR);

        Parameters parameters = Parameters.initial(spec, 9);

        assertThat(parameters.layers().get(0).weights()).hasDimensions(3, 2);
        assertThat(parameters.layers().get(0).biases()).containsExactly(0, 0, 0);
        assertThat(parameters.layers().get(1).weights()).isEqualTo(new double[][] {{1, 2, 3}});
        assertThat(Parameters.initial(spec, 9)).usingRecursiveComparison().isEqualTo(parameters);
    }

    private static double standardDeviation(double[][] values) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double[] row : values) {
            for (double v : row) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }
}
