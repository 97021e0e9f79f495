package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.HoldOut;
import tools.jackson.databind.json.JsonMapper;

class TrainingDataTests {

    private static final double[][] FEATURES = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {100}};

    @Test
    void scalingShouldBeFittedOnTheTrainingRowsOnly() {
        RowSet rows = RowSet.of(new DatasetInput(FEATURES, FEATURES, null, null, null));

        TrainingData prepared = TrainingData.prepare(spec(rows, "identity", 1, 0.3), rows);

        HoldOut split = HoldOut.split(10, 0.3, 7 ^ 0x9E3779B97F4A7C15L, null);
        double[] training = Arrays.stream(split.training()).mapToDouble(i -> FEATURES[i][0]).toArray();
        double mean = Arrays.stream(training).sum() / 7;
        double deviation = Math.sqrt(Arrays.stream(training).map(x -> (x - mean) * (x - mean)).sum() / 7);
        ColumnStatistics fitted = prepared.fit().preprocessing().transform().features().columns().get(0);
        assertThat(fitted.mean()).isCloseTo(mean, within(1e-12));
        assertThat(fitted.standardDeviation()).isCloseTo(deviation, within(1e-12));
        assertThat(fitted.max()).isEqualTo(Arrays.stream(training).max().orElseThrow());
        double[][] inputs = prepared.training().features().toArray();
        assertThat(inputs[0][0]).as("standardised as read").isCloseTo((training[0] - mean) / deviation, within(1e-12));
        assertThat(prepared.training().rows()).isEqualTo(7);
        assertThat(prepared.validation().rows()).isEqualTo(3);
        assertThat(prepared.labels()).as("regression").isNull();
    }

    @Test
    void labelsShouldBeOneHotForSoftmaxAndZeroOneForASigmoid() {
        RowSet rows = RowSet.of(new DatasetInput(new double[][] {{0}, {1}, {2}}, null, List.of("b", "a", "c"), null,
                null));

        TrainingData softmax = TrainingData.prepare(spec(rows, "softmax", 3, 0), rows);

        assertThat(softmax.fit().classes()).containsExactly("a", "b", "c");
        assertThat(softmax.training().targets().toArray()).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        RowSet twoClasses = RowSet.of(new DatasetInput(new double[][] {{0}, {1}}, null, List.of("yes", "no"), null,
                null));
        assertThat(TrainingData.prepare(spec(twoClasses, "sigmoid", 1, 0), twoClasses).training().targets().toArray())
                .isDeepEqualTo(new double[][] {{1}, {0}});
    }

    @Test
    void integerTargetsUnderASoftmaxShouldBeClassNumbers() {
        RowSet rows = RowSet.of(new DatasetInput(new double[][] {{0}, {1}, {2}}, new double[][] {{7}, {3}, {5}}, null,
                null, null));

        TrainingData prepared = TrainingData.prepare(spec(rows, "softmax", 3, 0), rows);

        assertThat(prepared.fit().classes()).containsExactly(3L, 5L, 7L);
        assertThat(prepared.training().targets().toArray()[0]).containsExactly(0, 0, 1);
    }

    /** A one-layer network with the given output, its defaults filled in as for a request. */
    private static ModelSpec spec(RowSet rows, String output, int units, double validationSplit) {
        TrainingRequest request = JsonMapper.shared().readValue("""
                {"architecture": {"layers": [{"units": %d, "activation": "%s"}], "loss": "%s"},
                 "preprocessing": {"featureScaling": "standard"},
                 "training": {"epochs": 10, "seed": 7, "validationSplit": %s}}""".formatted(units, output,
                output.equals("softmax") ? "cross_entropy" : "squared_error", validationSplit), TrainingRequest.class);
        return ModelSpec.of(request, rows, 1, 60);
    }
}
