package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.Activation;
import io.backprop.network.Loss;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.HoldOut;
import io.backprop.preprocessing.Scaling;

class PreparedDataTests {

    private static final double[][] FEATURES = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {100}};

    @Test
    void scalingShouldBeFittedOnTheTrainingRowsOnly() {
        ModelSpec spec = spec(Activation.IDENTITY, 1, 0.3);
        DatasetInput rows = new DatasetInput(FEATURES, FEATURES, null, null, null);

        PreparedData prepared = PreparedData.prepare(spec, rows);

        HoldOut split = HoldOut.split(10, 0.3, 7 ^ 0x9E3779B97F4A7C15L, null);
        ColumnStatistics expected = ColumnStatistics.of("x1", FEATURES, 0, split.training());
        assertThat(prepared.preparation().preprocessor().features().columns().get(0)).isEqualTo(expected);
        assertThat(prepared.training().rows()).isEqualTo(7);
        assertThat(prepared.validation().rows()).isEqualTo(3);
    }

    @Test
    void labelsShouldBeOneHotForSoftmaxAndZeroOneForASigmoid() {
        DatasetInput rows = new DatasetInput(new double[][] {{0}, {1}, {2}}, null, List.of("b", "a", "c"), null, null);

        PreparedData softmax = PreparedData.prepare(spec(Activation.SOFTMAX, 3, 0), rows);

        assertThat(softmax.preparation().classes()).containsExactly("a", "b", "c");
        assertThat(softmax.training().targets()).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        DatasetInput twoClasses = new DatasetInput(new double[][] {{0}, {1}}, null, List.of("yes", "no"), null, null);
        assertThat(PreparedData.prepare(spec(Activation.SIGMOID, 1, 0), twoClasses).training().targets())
                .isDeepEqualTo(new double[][] {{1}, {0}});
    }

    @Test
    void integerTargetsUnderASoftmaxShouldBeClassNumbers() {
        DatasetInput rows = new DatasetInput(new double[][] {{0}, {1}, {2}}, new double[][] {{7}, {3}, {5}}, null,
                null, null);

        PreparedData prepared = PreparedData.prepare(spec(Activation.SOFTMAX, 3, 0), rows);

        assertThat(prepared.preparation().classes()).containsExactly(3L, 5L, 7L);
        assertThat(prepared.training().targets()[0]).containsExactly(0, 0, 1);
    }

    private static ModelSpec spec(Activation output, int units, double validationSplit) {
        return new ModelSpec(
                new Architecture(List.of(new Layer(units, output, io.backprop.network.WeightInit.PLAIN, true, null,
                        null)), output == Activation.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.SQUARED_ERROR,
                        io.backprop.network.Precision.FLOAT64),
                new TrainingSettings(10, 0.1, null, true, 7L, validationSplit, null, null, null, null, null, null, null,
                        null, null, null),
                new Preprocessing(Scaling.STANDARD, Scaling.NONE, List.of()),
                new DatasetSummary(null, 10, 1, 1, List.of("x1"), List.of("y"), false), null);
    }
}
