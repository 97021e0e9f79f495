package io.backprop.model;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import io.backprop.metrics.Metrics;
import io.backprop.model.spec.ModelSpec;

/**
 * A model's row: its owner, its version under its name once it succeeded, status, progress, its spec and what it
 * learned from its rows (the fit), once trained its metrics and outcome, the search it is a trial of (if any), how
 * many times its job started, and the most bytes it holds in the store with its rows and results. The training rows
 * and the trained parameters live in tables of their own, so that listing models never loads them.
 */
record Model(@Id String id, String name, String owner, Integer version, ModelStatus status, Task task, ModelSpec spec,
        DataFit fit, int epoch, Double cost, Metrics metrics, Outcome outcome, String error,
        long storedBytes, Instant createdAt, Instant startedAt, Instant finishedAt, Receipt receipt, String searchId,
        Integer trial, int attempts) {

    static Model queued(String id, String name, String owner, Task task, ModelSpec spec, DataFit fit,
            long storedBytes, Instant now) {
        return new Model(id, name, owner, null, ModelStatus.QUEUED, task, spec, fit, 0, null, null, null, null, storedBytes, now,
                null, null, null, null, null, 0);
    }

    /** The same model, its job started (once more) at {@code started}. */
    Model running(Instant started) {
        return new Model(id, name, owner, version, ModelStatus.RUNNING, task, spec, fit, epoch, cost, metrics, outcome,
                error, storedBytes, createdAt, started, finishedAt, receipt, searchId, trial, attempts + 1);
    }

    /** The same model as trial {@code trial} of a search. */
    Model inSearch(String search, int number) {
        return new Model(id, name, owner, version, status, task, spec, fit, epoch, cost, metrics, outcome, error,
                storedBytes, createdAt, startedAt, finishedAt, receipt, search, number, attempts);
    }
}
