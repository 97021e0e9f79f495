package io.backprop.network;

import java.util.Locale;

/**
 * The element-wise (or, for softmax, row-wise) non-linearity that follows a layer's linear step: the maths of
 * every activation, written once for both backends.
 * <p>
 * Derivatives are expressed through the activation's output a = f(z), so a layer can overwrite z with a in
 * place and still run its backward pass; softmax, row-wise, has its Jacobian-vector product g ↦ a ⊙ (g − (g·a))
 * in {@link Matrix#multiplyByDerivative}.
 */
public enum Activation {
    /** σ(z) = 1 / (1 + e^−z); σ' = a(1 − a). */
    SIGMOID {
        @Override
        public double apply(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public double slope(double a) {
            return a * (1 - a);
        }
    },
    /** tanh(z); tanh' = 1 − a². */
    TANH {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public double slope(double a) {
            return 1 - a * a;
        }
    },
    /** max(0, z); relu' = 1 where a &gt; 0, else 0. */
    RELU {
        @Override
        public double apply(double z) {
            return Math.max(0, z);
        }

        @Override
        public double slope(double a) {
            return a > 0 ? 1 : 0;
        }
    },
    /** z for z &gt; 0, else {@link #LEAKY_SLOPE}·z; its slope 1 or {@link #LEAKY_SLOPE}. */
    LEAKY_RELU {
        @Override
        public double apply(double z) {
            return z > 0 ? z : LEAKY_SLOPE * z;
        }

        @Override
        public double slope(double a) {
            return a > 0 ? 1 : LEAKY_SLOPE;
        }
    },
    /** z; identity' = 1. */
    IDENTITY {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public double slope(double a) {
            return 1;
        }
    },
    /** e^zⱼ / Σₖ e^zₖ over each row, computed from z − max(z) so that large z cannot overflow. */
    SOFTMAX {
        @Override
        public double apply(double z) {
            throw new UnsupportedOperationException("softmax works on whole rows");
        }

        @Override
        public double slope(double a) {
            throw new UnsupportedOperationException("softmax's derivative is a Jacobian, taken on whole rows");
        }
    };

    /** Slope of leaky_relu for negative inputs (the DL4J and PyTorch default). */
    public static final double LEAKY_SLOPE = 0.01;

    /** f(z), for an element-wise activation. */
    public abstract double apply(double z);

    /** f'(z) from the output a = f(z), for an element-wise activation. */
    public abstract double slope(double a);

    /** The name clients use: lower case, as in the API. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
