package io.backprop.network;

import java.util.Locale;

/**
 * The element-wise (or, for softmax, row-wise) non-linearity that follows a layer's linear step.
 * <p>
 * Derivatives are expressed through the activation's output a = f(z), so a layer can overwrite z with a
 * in place and still run its backward pass: sigmoid' = a(1−a), tanh' = 1−a², relu' = [a&gt;0],
 * leaky_relu' = 1 or {@link #LEAKY_SLOPE}, identity' = 1, and softmax's Jacobian-vector product
 * g ↦ a ⊙ (g − (g·a)).
 */
public enum Activation {
    SIGMOID, TANH, RELU, LEAKY_RELU, IDENTITY, SOFTMAX;

    /** The name clients use: lower case, as in the API. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Slope of leaky_relu for negative inputs (the DL4J and PyTorch default). */
    public static final double LEAKY_SLOPE = 0.01;
}
