package io.backprop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassificationReportTests {

    @Test
    void scoresShouldMatchAHandCount() {
        // actual:    a a a b b c
        // predicted: a a b b c c
        int[] actual = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};

        ClassificationReport report = ClassificationReport.of(actual, predicted, List.of("a", "b", "c"));

        assertThat(report.accuracy()).isEqualTo(4 / 6.0);
        assertThat(report.confusionMatrix().counts()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        ClassificationReport.ClassScore b = report.perClass().get(1);
        assertThat(b.precision()).isEqualTo(0.5);
        assertThat(b.recall()).isEqualTo(0.5);
        assertThat(b.f1()).isEqualTo(0.5);
        assertThat(b.support()).isEqualTo(2);
        ClassificationReport.ClassScore a = report.perClass().get(0);
        assertThat(a.precision()).isEqualTo(1);
        assertThat(a.recall()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(a.f1()).isCloseTo(0.8, within(1e-15));
    }

    @Test
    void classNeverPredictedShouldScoreZeroNotNaN() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 0}, List.of(0L, 1L));

        assertThat(report.perClass().get(1).precision()).isZero();
        assertThat(report.perClass().get(1).f1()).isZero();
    }
}
