package io.backprop.network;

/** The floating-point width a network computes in. float64 reproduces the tutorials' numbers. */
public enum Precision {
    FLOAT64, FLOAT32
}
