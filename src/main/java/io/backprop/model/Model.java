package io.backprop.model;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A model's row: status, progress and the small JSON documents (spec, preparation, metrics, outcome), and the
 * most bytes the model holds in the store with its rows and results. The training rows and the trained
 * parameters live in tables of their own, so that listing models never loads them.
 */
record Model(@Id String id, String name, ModelStatus status, Task task, String spec, String preprocessing, int epoch,
        Double cost, String metrics, String outcome, String error, long storedBytes, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    static Model queued(String id, String name, Task task, String spec, String preprocessing, long storedBytes,
            Instant now) {
        return new Model(id, name, ModelStatus.QUEUED, task, spec, preprocessing, 0, null, null, null, null,
                storedBytes, now, null, null);
    }
}
