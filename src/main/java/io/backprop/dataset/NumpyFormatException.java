package io.backprop.dataset;

/** A .npy or .npz upload that cannot become a data set, and why. */
public class NumpyFormatException extends RuntimeException {

    public NumpyFormatException(String message) {
        super(message);
    }
}
