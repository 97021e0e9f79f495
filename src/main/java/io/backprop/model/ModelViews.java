package io.backprop.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.backprop.training.JobWorkers;

/** Turns stored models into what clients see, with elapsed time and an estimate of the time left. */
@Component
class ModelViews {

    private final Clock clock;
    private final JobWorkers workers;

    ModelViews(Clock clock, JobWorkers workers) {
        this.clock = clock;
        this.workers = workers;
    }

    ModelView of(Model model) {
        DataFit fit = model.fit();
        return new ModelView(model.id(), model.name(), model.owner(), model.version(), model.status(), model.task(),
                progress(model), model.spec(), fit.preprocessing(), fit.classes(),
                new ModelView.Split(fit.trainingRows(), fit.validationRows()), model.metrics(), model.outcome(),
                model.error(), model.createdAt(), model.startedAt(), model.finishedAt(),
                model.status() == ModelStatus.RUNNING ? workers.of(model.id()).orElse(null) : null, model.receipt(),
                model.searchId(), model.trial());
    }

    /** Time left, estimated from the pace so far: elapsed / epochs done × epochs to go. */
    private ModelView.Progress progress(Model model) {
        int epochs = model.spec().training().epochs();
        if (model.startedAt() == null) {
            return new ModelView.Progress(model.epoch(), epochs, model.cost(), null, null);
        }
        Instant until = model.finishedAt() != null ? model.finishedAt() : clock.instant();
        double elapsed = Duration.between(model.startedAt(), until).toMillis() / 1000.0;
        Double eta = model.status() != ModelStatus.RUNNING || model.epoch() == 0 ? null
                : elapsed / model.epoch() * (epochs - model.epoch());
        return new ModelView.Progress(model.epoch(), epochs, model.cost(), elapsed, eta);
    }
}
