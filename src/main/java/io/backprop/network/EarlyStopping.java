package io.backprop.network;

/**
 * Stop when the monitored cost (on validation rows if there are any, else on the training rows) has not
 * improved by more than {@code minDelta} for {@code patience} epochs, and keep the parameters of the best epoch.
 */
public record EarlyStopping(int patience, double minDelta) {

    public static final Bound PATIENCE = Bound.AT_LEAST_ONE;
    public static final Bound MIN_DELTA = Bound.NOT_NEGATIVE;

    public EarlyStopping {
        PATIENCE.require("patience", patience);
        MIN_DELTA.require("minDelta", minDelta);
    }
}
