package io.backprop.model;

import java.util.Locale;

import io.backprop.network.LearningRateSchedule;
import io.swagger.v3.oas.annotations.media.Schema;

/** How the learning rate changes over the epochs. */
@Schema(description = "The learning rate per epoch e from the base rate η: constant η; step η·gamma^⌊e/stepEpochs⌋; "
        + "exponential η·gamma^(e/stepEpochs); inverse_time η/(1 + gamma·e/stepEpochs)")
public record ScheduleSettings(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "step") Type type,
        @Schema(description = "The decay factor: in (0, 1] for step and exponential, ≥ 0 for inverse_time",
                example = "0.5") Double gamma,
        @Schema(description = "Epochs per decay step; default 1", example = "1000") Integer stepEpochs) {

    public enum Type {
        CONSTANT, STEP, EXPONENTIAL, INVERSE_TIME;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    LearningRateSchedule schedule() {
        return switch (type) {
            case CONSTANT -> LearningRateSchedule.CONSTANT;
            case STEP -> new LearningRateSchedule.Step(gamma, stepEpochs);
            case EXPONENTIAL -> new LearningRateSchedule.Exponential(gamma, stepEpochs);
            case INVERSE_TIME -> new LearningRateSchedule.InverseTime(gamma, stepEpochs);
        };
    }
}
