package io.backprop.preprocessing;

import java.util.Locale;

/**
 * How a column is rescaled before training: not at all; divided by its largest absolute value (the exam
 * tutorial); mapped onto [0, 1] by its minimum and maximum; or standardised to mean 0 and deviation 1.
 */
public enum Scaling {
    NONE, MAX, MINMAX, STANDARD;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
