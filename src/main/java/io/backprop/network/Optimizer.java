package io.backprop.network;

/**
 * How gradients become parameter updates. With learning rate η and gradient g of a parameter θ:
 * <ul>
 * <li>{@link Sgd}: θ ← θ − ηg, the tutorials' gradient descent.</li>
 * <li>{@link Momentum}: v ← μv − ηg, then θ ← θ + v; with Nesterov's look-ahead θ ← θ + μv − ηg (using the new
 * v). v starts at zero.</li>
 * <li>{@link Adam}: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with the bias-corrected
 * m̂ = m/(1−β₁ᵗ) and v̂ = v/(1−β₂ᵗ) at step t = 1, 2, …; m and v start at zero.</li>
 * </ul>
 */
public sealed interface Optimizer {

    /** Plain gradient descent. */
    record Sgd() implements Optimizer {
    }

    /** Gradient descent with momentum {@code momentum} (μ, usually 0.9), optionally Nesterov's. */
    record Momentum(double momentum, boolean nesterov) implements Optimizer {

        public static final Bound MOMENTUM = Bound.FRACTION;

        public Momentum {
            MOMENTUM.require("momentum", momentum);
        }
    }

    /** Adam (Kingma and Ba), usually β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

        public static final Bound BETA = Bound.FRACTION;
        public static final Bound EPSILON = Bound.POSITIVE;

        public Adam {
            BETA.require("beta1", beta1);
            BETA.require("beta2", beta2);
            EPSILON.require("epsilon", epsilon);
        }
    }

    Optimizer SGD = new Sgd();
}
