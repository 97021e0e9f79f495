package io.backprop.network;

/**
 * The learning rate of each epoch e from the base rate η₀ ("annealing", which the first tutorial mentions):
 * <ul>
 * <li>{@link Constant}: η₀.</li>
 * <li>{@link Step}: η₀·γ^⌊e/stepEpochs⌋, dropping by γ every {@code stepEpochs}.</li>
 * <li>{@link Exponential}: η₀·γ^(e/stepEpochs), a smooth decay.</li>
 * <li>{@link InverseTime}: η₀ / (1 + γ·e/stepEpochs).</li>
 * </ul>
 */
public sealed interface LearningRateSchedule {

    double rate(double base, int epoch);

    record Constant() implements LearningRateSchedule {

        @Override
        public double rate(double base, int epoch) {
            return base;
        }
    }

    /** The decay factor of step and exponential schedules. */
    Bound DECAY = Bound.DECAY;
    /** The decay factor of inverse_time. */
    Bound INVERSE_TIME_GAMMA = Bound.NOT_NEGATIVE;
    Bound STEP_EPOCHS = Bound.AT_LEAST_ONE;

    record Step(double gamma, int stepEpochs) implements LearningRateSchedule {

        public Step {
            DECAY.require("gamma", gamma);
            STEP_EPOCHS.require("stepEpochs", stepEpochs);
        }

        @Override
        public double rate(double base, int epoch) {
            return base * Math.pow(gamma, epoch / stepEpochs);
        }
    }

    record Exponential(double gamma, int stepEpochs) implements LearningRateSchedule {

        public Exponential {
            DECAY.require("gamma", gamma);
            STEP_EPOCHS.require("stepEpochs", stepEpochs);
        }

        @Override
        public double rate(double base, int epoch) {
            return base * Math.pow(gamma, (double) epoch / stepEpochs);
        }
    }

    record InverseTime(double gamma, int stepEpochs) implements LearningRateSchedule {

        public InverseTime {
            INVERSE_TIME_GAMMA.require("gamma", gamma);
            STEP_EPOCHS.require("stepEpochs", stepEpochs);
        }

        @Override
        public double rate(double base, int epoch) {
            return base / (1 + gamma * epoch / stepEpochs);
        }
    }

    LearningRateSchedule CONSTANT = new Constant();
}
