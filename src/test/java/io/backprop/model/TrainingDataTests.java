package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.dataset.DatasetInput;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.HoldOut;
import tools.jackson.databind.json.JsonMapper;

class TrainingDataTests {

    private static final double[][] FEATURES = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {100}};

    @Test
    void scalingShouldBeFittedOnTheTrainingRowsOnly() {
        DatasetInput rows = new DatasetInput(FEATURES, FEATURES, null, null, null);

        TrainingData prepared = TrainingData.prepare(spec(rows, "identity", 1, 0.3), rows);

        HoldOut split = HoldOut.split(10, 0.3, 7 ^ 0x9E3779B97F4A7C15L, null);
        ColumnStatistics expected = ColumnStatistics.of("x1", FEATURES, 0, split.training());
        assertThat(prepared.fit().preprocessing().transform().features().columns().get(0)).isEqualTo(expected);
        assertThat(prepared.training().rows()).isEqualTo(7);
        assertThat(prepared.validation().rows()).isEqualTo(3);
        assertThat(prepared.labels()).as("regression").isNull();
    }

    @Test
    void labelsShouldBeOneHotForSoftmaxAndZeroOneForASigmoid() {
        DatasetInput rows = new DatasetInput(new double[][] {{0}, {1}, {2}}, null, List.of("b", "a", "c"), null, null);

        TrainingData softmax = TrainingData.prepare(spec(rows, "softmax", 3, 0), rows);

        assertThat(softmax.fit().classes()).containsExactly("a", "b", "c");
        assertThat(softmax.training().targets().toArray()).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        DatasetInput twoClasses = new DatasetInput(new double[][] {{0}, {1}}, null, List.of("yes", "no"), null, null);
        assertThat(TrainingData.prepare(spec(twoClasses, "sigmoid", 1, 0), twoClasses).training().targets().toArray())
                .isDeepEqualTo(new double[][] {{1}, {0}});
    }

    @Test
    void integerTargetsUnderASoftmaxShouldBeClassNumbers() {
        DatasetInput rows = new DatasetInput(new double[][] {{0}, {1}, {2}}, new double[][] {{7}, {3}, {5}}, null,
                null, null);

        TrainingData prepared = TrainingData.prepare(spec(rows, "softmax", 3, 0), rows);

        assertThat(prepared.fit().classes()).containsExactly(3L, 5L, 7L);
        assertThat(prepared.training().targets().toArray()[0]).containsExactly(0, 0, 1);
    }

    /** A one-layer network with the given output, its defaults filled in as for a request. */
    private static ModelSpec spec(DatasetInput rows, String output, int units, double validationSplit) {
        TrainingRequest request = JsonMapper.shared().readValue("""
                {"architecture": {"layers": [{"units": %d, "activation": "%s"}], "loss": "%s"},
                 "preprocessing": {"featureScaling": "standard"},
                 "training": {"epochs": 10, "seed": 7, "validationSplit": %s}}""".formatted(units, output,
                output.equals("softmax") ? "cross_entropy" : "squared_error", validationSplit), TrainingRequest.class);
        return ModelSpec.of(request, rows, 1, 60);
    }
}
