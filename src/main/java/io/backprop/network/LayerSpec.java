package io.backprop.network;

import java.util.Objects;

/**
 * One dense layer: {@code units} outputs, each a(x·w + b). Explicit initial {@code weights} are units × inputs
 * ({@code weights[j][i]} connects input i to unit j) and replace the random {@code init}; explicit
 * {@code biases} replace the zero start. Shapes against the previous layer are checked by {@link NetworkSpec}.
 * While training, {@code dropout} is the share p of this layer's outputs zeroed at each step (inverted dropout:
 * the kept ones are divided by 1 − p, so that prediction, which drops nothing, needs no rescaling).
 */
public record LayerSpec(int units, Activation activation, WeightInit init, boolean bias, double[][] weights,
        double[] biases, double dropout) {

    /** 0 ≤ p < 1: dropping every output would leave nothing to learn from. */
    public static final Bound DROPOUT = Bound.FRACTION;

    public LayerSpec {
        if (units < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(init, "init");
        if (biases != null && !bias) {
            throw new IllegalArgumentException("explicit biases given for a layer without bias");
        }
        DROPOUT.require("dropout", dropout);
    }

    /** A layer without dropout. */
    public LayerSpec(int units, Activation activation, WeightInit init, boolean bias, double[][] weights,
            double[] biases) {
        this(units, activation, init, bias, weights, biases, 0);
    }

    /** A layer with random initial weights and, if it has a bias, a zero one. */
    public LayerSpec(int units, Activation activation, WeightInit init, boolean bias) {
        this(units, activation, init, bias, null, null, 0);
    }
}
