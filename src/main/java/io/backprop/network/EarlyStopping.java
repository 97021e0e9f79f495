package io.backprop.network;

/**
 * Stop when the monitored cost (on validation rows if there are any, else on the training rows) has not
 * improved by more than {@code minDelta} for {@code patience} epochs, and keep the parameters of the best epoch.
 */
public record EarlyStopping(int patience, double minDelta) {

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number ≥ 0, got " + minDelta);
        }
    }
}
