package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Compares parameters number by number within a tolerance. */
final class ParametersAssert {

    static void assertClose(Parameters actual, Parameters expected, double tolerance) {
        assertThat(actual.layers()).hasSameSizeAs(expected.layers());
        for (int l = 0; l < expected.layers().size(); l++) {
            LayerParameters a = actual.layers().get(l);
            LayerParameters e = expected.layers().get(l);
            for (int j = 0; j < e.units(); j++) {
                for (int i = 0; i < e.inputs(); i++) {
                    assertThat(a.weights()[j][i]).as("layer %d weight [%d][%d]", l, j, i)
                            .isCloseTo(e.weights()[j][i], within(tolerance));
                }
                if (e.biases() != null) {
                    assertThat(a.biases()[j]).as("layer %d bias %d", l, j).isCloseTo(e.biases()[j], within(tolerance));
                }
            }
        }
    }

    private ParametersAssert() {
    }
}
