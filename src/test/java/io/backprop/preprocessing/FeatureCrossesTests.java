package io.backprop.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.network.RowSource;

class FeatureCrossesTests {

    @Test
    void productsAndPowersShouldBeAppendedAfterTheFeatures() {
        List<String> names = List.of("x1", "x2");
        List<List<String>> crosses = List.of(List.of("x1", "x2"), List.of("x1", "x1"), List.of("x1", "x1", "x2"));

        double[][] crossed = FeatureCrosses.apply(RowSource.of(new double[][] {{3, -2}, {0, 5}}), names, crosses)
                .toArray();

        assertThat(crossed).isDeepEqualTo(new double[][] {{3, -2, -6, 9, -18}, {0, 5, 0, 0, 0}});
        assertThat(FeatureCrosses.names(names, crosses)).containsExactly("x1", "x2", "x1*x2", "x1*x1", "x1*x1*x2");
    }
}
