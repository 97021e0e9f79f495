package io.backprop.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.network.Activation;

/** Every label rule: which rows are a classification, how classes are ordered, encoded and decoded. */
class LabelEncodingTests {

    @Test
    void textLabelsShouldBeSortedAndOneHotUnderASoftmax() {
        List<Object> labels = List.of("versicolor", "setosa", "virginica", "setosa");

        LabelEncoding encoding = LabelEncoding.detect(Activation.SOFTMAX, 3, labels, null);

        assertThat(encoding.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(encoding.encode(labels)).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {1, 0, 0}});
    }

    @Test
    void integerLabelsShouldSortByValueWhateverTheirJsonTypeAndBeZeroOneForOneSigmoid() {
        LabelEncoding encoding = LabelEncoding.detect(Activation.SIGMOID, 1, List.of(10, 9L, 10L), null);

        assertThat(encoding.classes()).containsExactly(9L, 10L);
        assertThat(encoding.encode(List.of(10, 9))).isDeepEqualTo(new double[][] {{1}, {0}});
        assertThat(encoding.indexOf(10)).isEqualTo(1);
    }

    @Test
    void oneIntegerColumnUnderASoftmaxShouldBeClassNumbers() {
        double[][] targets = {{7}, {3}, {5}};

        LabelEncoding encoding = LabelEncoding.detect(Activation.SOFTMAX, 3, null, targets);

        assertThat(encoding.classes()).containsExactly(3L, 5L, 7L);
        assertThat(LabelEncoding.labels(Activation.SOFTMAX, 3, null, targets)).asString().isEqualTo("[7, 3, 5]");
        assertThat(LabelEncoding.classNumbers(Activation.SOFTMAX, 1, targets)).as("one unit is no softmax of classes")
                .isFalse();
    }

    @Test
    void indicatorsShouldBeClassesAndAnythingElseRegression() {
        assertThat(LabelEncoding.detect(Activation.SIGMOID, 1, null, new double[][] {{0}, {1}, {1}}).classes())
                .containsExactly(0L, 1L);
        assertThat(LabelEncoding.detect(Activation.SOFTMAX, 3, null, new double[][] {{0, 1, 0}, {1, 0, 0}}).classes())
                .containsExactly(0L, 1L, 2L);
        assertThat(LabelEncoding.detect(Activation.SIGMOID, 1, null, new double[][] {{0.92}, {0.86}})).isNull();
        assertThat(LabelEncoding.detect(Activation.SOFTMAX, 3, null, new double[][] {{0, 1, 1}})).isNull();
        assertThat(LabelEncoding.detect(Activation.IDENTITY, 1, null, new double[][] {{0}, {1}})).isNull();
    }

    @Test
    void outputsShouldDecodeIntoClassesAndProbabilities() {
        LabelEncoding sigmoid = LabelEncoding.of(List.of("no", "yes"), Activation.SIGMOID, 1);
        LabelEncoding softmax = LabelEncoding.of(List.of("a", "b", "c"), Activation.SOFTMAX, 3);

        assertThat(sigmoid.decode(new double[][] {{0.5}, {0.49}})).containsExactly("yes", "no");
        assertThat(sigmoid.probabilities(new double[][] {{0.25}}).get(0)).containsExactly(
                org.assertj.core.api.Assertions.entry("no", 0.75), org.assertj.core.api.Assertions.entry("yes", 0.25));
        assertThat(softmax.indexes(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.2, 0.3}})).containsExactly(1, 0);
        assertThat(softmax.probabilities(new double[][] {{0.1, 0.7, 0.2}}).get(0)).containsEntry("b", 0.7);
    }
}
