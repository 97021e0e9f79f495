package io.backprop.network;

import java.util.Locale;

/** The floating-point width a network computes in. float64 reproduces the tutorials' numbers. */
public enum Precision {
    FLOAT64, FLOAT32;

    /** Bytes one number takes. */
    public int bytes() {
        return this == FLOAT64 ? Double.BYTES : Float.BYTES;
    }

    /** The name clients use: lower case, as in the API. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
