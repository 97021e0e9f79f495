package io.backprop.model;

/** Where a model is in its life: accepted, training, and how training ended. */
public enum ModelStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
}
