package io.backprop.network;

import java.util.function.DoublePredicate;

/**
 * A rule a setting must follow, written once: the engine's records enforce it in their constructors, and the
 * service's validation reports a request that breaks it, with the same words.
 */
public record Bound(String description, DoublePredicate test) {

    public static final Bound POSITIVE = new Bound("a positive finite number", v -> v > 0 && Double.isFinite(v));
    public static final Bound NOT_NEGATIVE = new Bound("a finite number ≥ 0", v -> v >= 0 && Double.isFinite(v));
    public static final Bound FRACTION = new Bound("at least 0 and below 1", v -> v >= 0 && v < 1);
    public static final Bound DECAY = new Bound("above 0 and at most 1", v -> v > 0 && v <= 1);
    public static final Bound AT_LEAST_ONE = new Bound("at least 1", v -> v >= 1);

    public boolean holds(double value) {
        return test.test(value);
    }

    /** Returns {@code value}, or throws naming the setting when the rule does not hold. */
    public double require(String name, double value) {
        if (!holds(value)) {
            throw new IllegalArgumentException(name + " must be " + description + ", got " + value);
        }
        return value;
    }
}
