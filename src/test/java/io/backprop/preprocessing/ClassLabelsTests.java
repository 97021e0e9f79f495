package io.backprop.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassLabelsTests {

    @Test
    void textLabelsShouldBeSortedAndOneHotEncoded() {
        List<Object> labels = List.of("versicolor", "setosa", "virginica", "setosa");
        ClassLabels classes = ClassLabels.of(labels);

        assertThat(classes.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(classes.encode(labels, false)).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1},
                {1, 0, 0}});
    }

    @Test
    void integerLabelsShouldSortByValueWhateverTheirJsonType() {
        ClassLabels classes = ClassLabels.of(List.of(10, 9L, 10L));

        assertThat(classes.classes()).containsExactly(9L, 10L);
        assertThat(classes.encode(List.of(10, 9), true)).isDeepEqualTo(new double[][] {{1}, {0}});
    }
}
