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

        public Momentum {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
        }
    }

    /** Adam (Kingma and Ba), usually β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

        public Adam {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
            }
        }
    }

    Optimizer SGD = new Sgd();
}
