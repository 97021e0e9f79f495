package io.backprop.model;

/** Where a model is in its life: accepted, training, and how training ended. */
public enum ModelStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether training is over, one way or another. */
    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }
}
