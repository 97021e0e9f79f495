package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearningCurveRecorderTests {

    @ParameterizedTest
    @CsvSource({"1, 1000", "999, 1000", "1000, 1000", "1001, 1000", "5000, 1000", "150000, 1000", "7, 3",
            "1000000, 2"})
    void curveShouldFitTheBudgetAndKeepTheFirstAndLastEpoch(int epochs, int maxPoints) {
        LearningCurveRecorder recorder = new LearningCurveRecorder(epochs, maxPoints);
        IntStream.range(0, epochs).forEach(epoch -> recorder.record(epoch, 1.0 / (epoch + 1), Double.NaN));

        List<CurvePoint> points = recorder.points();

        assertThat(points).hasSizeLessThanOrEqualTo(maxPoints);
        assertThat(points.get(0)).isEqualTo(new CurvePoint(0, 1.0, null));
        assertThat(points.get(points.size() - 1).epoch()).isEqualTo(epochs - 1);
        assertThat(points).extracting(CurvePoint::epoch).isSorted().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"5000, 1000", "150000, 1000"})
    void earlyEpochsShouldAllBeKept(int epochs, int maxPoints) {
        LearningCurveRecorder recorder = new LearningCurveRecorder(epochs, maxPoints);
        IntStream.range(0, epochs).forEach(epoch -> recorder.record(epoch, epoch, Double.NaN));

        assertThat(recorder.points()).extracting(CurvePoint::epoch).startsWith(0, 1, 2, 3);
        assertThat(recorder.points().size()).isGreaterThan(maxPoints * 9 / 10);
    }

    @ParameterizedTest
    @CsvSource({"5000, 1000"})
    void aJobStoppedEarlyShouldEndWithItsLastEpoch(int epochs, int maxPoints) {
        LearningCurveRecorder recorder = new LearningCurveRecorder(epochs, maxPoints);
        IntStream.range(0, 777).forEach(epoch -> recorder.record(epoch, epoch, Double.NaN));

        List<CurvePoint> points = recorder.points();
        assertThat(points.get(points.size() - 1).epoch()).isEqualTo(776);
    }
}
