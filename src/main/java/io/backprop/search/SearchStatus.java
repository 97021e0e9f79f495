package io.backprop.search;

/**
 * A search runs until its trials are done, its goal is reached or its time is spent (SUCCEEDED), it is
 * cancelled, or a trial cannot be started at all (FAILED: its data set was deleted, say).
 */
public enum SearchStatus {
    RUNNING, SUCCEEDED, CANCELLED, FAILED;

    boolean ended() {
        return this != RUNNING;
    }
}
