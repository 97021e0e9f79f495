package io.backprop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionReportTests {

    @Test
    void errorsShouldMatchHandComputedValues() {
        double[][] actual = {{92}, {86}, {89}};
        double[][] predicted = {{91}, {88}, {89}};

        RegressionReport report = RegressionReport.of(actual, predicted);

        assertThat(report.rmse()).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
        assertThat(report.mae()).isCloseTo(1.0, within(1e-12));
        // mean 89, total sum of squares 9 + 9 + 0 = 18, residual 1 + 4 + 0 = 5
        assertThat(report.r2()).isCloseTo(1 - 5 / 18.0, within(1e-12));
    }

    @Test
    void constantTargetsShouldGiveAFiniteR2() {
        assertThat(RegressionReport.of(new double[][] {{1}, {1}}, new double[][] {{1}, {1}}).r2()).isEqualTo(1);
        assertThat(RegressionReport.of(new double[][] {{1}, {1}}, new double[][] {{2}, {1}}).r2()).isZero();
    }
}
