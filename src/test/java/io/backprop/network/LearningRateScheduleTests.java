package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTests {

    @Test
    void constantShouldKeepTheBaseRate() {
        assertThat(LearningRateSchedule.CONSTANT.rate(0.5, 1000)).isEqualTo(0.5);
    }

    @Test
    void stepShouldDropByGammaEveryStepEpochs() {
        LearningRateSchedule step = new LearningRateSchedule.Step(0.5, 1000);

        assertThat(step.rate(1, 999)).isEqualTo(1);
        assertThat(step.rate(1, 1000)).isEqualTo(0.5);
        assertThat(step.rate(1, 2500)).isEqualTo(0.25);
    }

    @Test
    void exponentialShouldDecaySmoothly() {
        LearningRateSchedule exponential = new LearningRateSchedule.Exponential(0.5, 100);

        assertThat(exponential.rate(1, 50)).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(exponential.rate(1, 200)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void inverseTimeShouldDivideByOnePlusDecay() {
        assertThat(new LearningRateSchedule.InverseTime(1, 10).rate(1, 30)).isEqualTo(0.25);
    }

    @Test
    void trainingShouldStepWithTheScheduledRate() {
        NetworkSpec spec = Tutorials.OR_UNIT;
        Parameters initial = Parameters.initial(spec, 1);
        TrainingOptions halving = TrainingOptions.fullBatch(2, 1.0)
                .withSchedule(new LearningRateSchedule.Step(0.5, 1));

        Parameters scheduled = Trainer.train(spec, initial, Tutorials.OR, halving, EpochListener.NONE).parameters();
        Parameters first = Trainer.train(spec, initial, Tutorials.OR, TrainingOptions.fullBatch(1, 1.0),
                EpochListener.NONE).parameters();
        Parameters byHand = Trainer.train(spec, first, Tutorials.OR, TrainingOptions.fullBatch(1, 0.5),
                EpochListener.NONE).parameters();

        assertThat(scheduled).usingRecursiveComparison().isEqualTo(byHand);
    }
}
