package io.backprop.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.backprop.network.RowSource;

class FittedScalingTests {

    /** The exam tutorial's hours studied and slept (training rows only). */
    private static final double[][] HOURS = {{2, 9}, {1, 5}, {3, 6}};
    private static final List<String> NAMES = List.of("studied", "slept");

    @Test
    void maxShouldDivideByTheLargestAbsoluteValue() {
        FittedScaling max = FittedScaling.fit(Scaling.MAX, NAMES, RowSource.of(HOURS), Rows.all(3));

        assertThat(max.apply(HOURS)).isDeepEqualTo(new double[][] {{2 / 3.0, 1}, {1 / 3.0, 5 / 9.0}, {1, 6 / 9.0}});
        assertThat(max.apply(new double[][] {{-6, 0}})[0][0]).isEqualTo(-2);
    }

    @Test
    void minmaxShouldMapOntoZeroToOne() {
        FittedScaling minmax = FittedScaling.fit(Scaling.MINMAX, NAMES, RowSource.of(HOURS), Rows.all(3));

        assertThat(minmax.apply(HOURS)).isDeepEqualTo(new double[][] {{0.5, 1}, {0, 0}, {1, 0.25}});
    }

    @Test
    void standardShouldCentreAndDivideByThePopulationDeviation() {
        FittedScaling standard = FittedScaling.fit(Scaling.STANDARD, NAMES, RowSource.of(HOURS), Rows.all(3));

        ColumnStatistics studied = standard.columns().get(0);
        assertThat(studied.mean()).isEqualTo(2);
        assertThat(studied.standardDeviation()).isCloseTo(Math.sqrt(2 / 3.0), within(1e-15));
        assertThat(standard.apply(HOURS)[1][0]).isCloseTo(-1 / Math.sqrt(2 / 3.0), within(1e-12));
    }

    @Test
    void statisticsShouldComeFromTheFitRowsOnly() {
        FittedScaling max = FittedScaling.fit(Scaling.MAX, NAMES, RowSource.of(new double[][] {{2, 9}, {1, 5}, {50, 60}}),
                new int[] {0, 1});

        assertThat(max.columns().get(0).max()).isEqualTo(2);
        assertThat(max.apply(new double[][] {{50, 60}})[0]).containsExactly(25, 60 / 9.0);
    }

    @Test
    void constantColumnsShouldNeverProduceNaN() {
        double[][] constant = {{0, 4}, {0, 4}};
        for (Scaling scaling : Scaling.values()) {
            double[][] scaled = FittedScaling.fit(scaling, NAMES, RowSource.of(constant), Rows.all(2)).apply(constant);
            assertThat(java.util.Arrays.stream(scaled[0])).as("%s", scaling).allMatch(Double::isFinite);
        }
    }

    @Test
    void invertShouldUndoApply() {
        for (Scaling scaling : Scaling.values()) {
            FittedScaling fitted = FittedScaling.fit(scaling, NAMES, RowSource.of(HOURS), Rows.all(3));
            double[][] back = fitted.invert(fitted.apply(HOURS));
            for (int i = 0; i < HOURS.length; i++) {
                assertThat(back[i]).as("%s", scaling).containsExactly(HOURS[i], within(1e-12));
            }
        }
    }
}
