package io.backprop.network;

import java.util.Locale;

/**
 * How far predictions ŷ are from targets y, averaged over the m examples and summed over the outputs.
 * <ul>
 * <li>{@code SQUARED_ERROR}: (1/m)·Σ ½(ŷ−y)², the tutorials' cost; its gradient ŷ−y is chained through any
 * output activation.</li>
 * <li>{@code BINARY_CROSS_ENTROPY}: −(1/m)·Σ [y·ln ŷ + (1−y)·ln(1−ŷ)], for sigmoid outputs.</li>
 * <li>{@code CROSS_ENTROPY}: −(1/m)·Σ y·ln ŷ, for softmax outputs.</li>
 * </ul>
 * Both cross-entropies are paired with their output activation so that the gradient with respect to the
 * output layer's z is the numerically stable ŷ−y (scaled by 1/m).
 */
public enum Loss {
    SQUARED_ERROR(null), BINARY_CROSS_ENTROPY(Activation.SIGMOID), CROSS_ENTROPY(Activation.SOFTMAX);

    /** The name clients use: lower case, as in the API. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Cross-entropy costs clip ŷ into [ε, 1−ε] so that a saturated output costs a large finite amount. */
    static final double EPSILON = 1e-12;

    private final Activation requiredOutput;

    Loss(Activation requiredOutput) {
        this.requiredOutput = requiredOutput;
    }

    /** The output activation this loss needs, or null when any will do. */
    public Activation requiredOutput() {
        return requiredOutput;
    }

    /** True when the gradient with respect to the output's z is simply ŷ−y (the activation is folded in). */
    boolean fusedWithOutput() {
        return requiredOutput != null;
    }

    /** The loss of one output value, before averaging over examples. */
    double of(double predicted, double target) {
        return switch (this) {
            case SQUARED_ERROR -> 0.5 * (predicted - target) * (predicted - target);
            case BINARY_CROSS_ENTROPY -> {
                double p = clip(predicted);
                yield -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
            }
            case CROSS_ENTROPY -> target == 0 ? 0 : -target * Math.log(clip(predicted));
        };
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    }
}
