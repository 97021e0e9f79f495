package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class NetworkSpecTests {

    @Test
    void parameterCountShouldIncludeWeightsAndBiases() {
        assertThat(Tutorials.XOR_2_3_1.parameterCount()).isEqualTo(2 * 3 + 3 + 3 * 1 + 1);
        assertThat(Tutorials.EXAM_2_3_1.parameterCount()).isEqualTo(2 * 3 + 3 * 1);
    }

    @Test
    void crossEntropyWithoutSoftmaxOutputShouldBeRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(2,
                List.of(new LayerSpec(2, Activation.SIGMOID, WeightInit.PLAIN, true)), Loss.CROSS_ENTROPY))
                .withMessage("loss cross_entropy needs a softmax output layer, got sigmoid");
    }

    @Test
    void explicitWeightsOfTheWrongShapeShouldNameTheLayerAndShapes() {
        LayerSpec hidden = new LayerSpec(3, Activation.SIGMOID, WeightInit.PLAIN, true);
        LayerSpec output = new LayerSpec(1, Activation.SIGMOID, WeightInit.PLAIN, true, new double[][] {{1, 2}},
                null);

        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(2, List.of(hidden, output),
                Loss.SQUARED_ERROR)).withMessage("layer 1: weights must be 1 × 3 (units × inputs), got 1 × 2");
    }

    @Test
    void explicitBiasesOfTheWrongLengthShouldBeRejected() {
        LayerSpec layer = new LayerSpec(2, Activation.SIGMOID, WeightInit.PLAIN, true, null, new double[] {1});

        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(2, List.of(layer),
                Loss.SQUARED_ERROR)).withMessage("layer 0: biases must have 2 values (one per unit), got 1");
    }

    @Test
    void biasesForALayerWithoutBiasShouldBeRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LayerSpec(1, Activation.SIGMOID, WeightInit.PLAIN,
                false, null, new double[] {0})).withMessage("explicit biases given for a layer without bias");
    }
}
