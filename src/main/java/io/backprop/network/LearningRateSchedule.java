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

    record Step(double gamma, int stepEpochs) implements LearningRateSchedule {

        public Step {
            requireDecay(gamma, stepEpochs);
        }

        @Override
        public double rate(double base, int epoch) {
            return base * Math.pow(gamma, epoch / stepEpochs);
        }
    }

    record Exponential(double gamma, int stepEpochs) implements LearningRateSchedule {

        public Exponential {
            requireDecay(gamma, stepEpochs);
        }

        @Override
        public double rate(double base, int epoch) {
            return base * Math.pow(gamma, (double) epoch / stepEpochs);
        }
    }

    record InverseTime(double gamma, int stepEpochs) implements LearningRateSchedule {

        public InverseTime {
            if (!(gamma >= 0) || stepEpochs < 1) {
                throw new IllegalArgumentException("inverse_time needs gamma ≥ 0 and stepEpochs ≥ 1, got " + gamma
                        + ", " + stepEpochs);
            }
        }

        @Override
        public double rate(double base, int epoch) {
            return base / (1 + gamma * epoch / stepEpochs);
        }
    }

    LearningRateSchedule CONSTANT = new Constant();

    private static void requireDecay(double gamma, int stepEpochs) {
        if (!(gamma > 0 && gamma <= 1) || stepEpochs < 1) {
            throw new IllegalArgumentException("a decay needs 0 < gamma ≤ 1 and stepEpochs ≥ 1, got " + gamma + ", "
                    + stepEpochs);
        }
    }
}
