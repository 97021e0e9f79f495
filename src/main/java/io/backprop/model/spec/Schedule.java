package io.backprop.model.spec;

import java.util.Locale;

import io.backprop.network.LearningRateSchedule;
import io.swagger.v3.oas.annotations.media.Schema;

/** How the learning rate changes over the epochs. */
@Schema(description = "The learning rate per epoch e from the base rate η: constant η; step η·gamma^⌊e/stepEpochs⌋; "
        + "exponential η·gamma^(e/stepEpochs); inverse_time η/(1 + gamma·e/stepEpochs)")
public record Schedule(
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

    static final Schedule CONSTANT = new Schedule(Type.CONSTANT, null, null);

    Schedule withDefaults() {
        return type == null || type == Type.CONSTANT ? this : new Schedule(type, gamma, stepEpochs == null ? 1 : stepEpochs);
    }

    void check(Checks checks) {
        String field = "training.learningRateSchedule";
        if (type == null) {
            checks.add(field + ".type", null, "is required: constant, step, exponential or inverse_time");
            return;
        }
        boolean decay = type == Type.STEP || type == Type.EXPONENTIAL;
        if (decay || type == Type.INVERSE_TIME) {
            var rule = decay ? LearningRateSchedule.DECAY : LearningRateSchedule.INVERSE_TIME_GAMMA;
            if (gamma == null || !rule.holds(gamma)) {
                checks.add(field + ".gamma", gamma, "must be " + rule.description() + " for " + type);
            }
        }
        checks.bound(field + ".stepEpochs", stepEpochs, LearningRateSchedule.STEP_EPOCHS);
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
