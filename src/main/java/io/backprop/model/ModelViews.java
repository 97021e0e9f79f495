package io.backprop.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.backprop.metrics.Metrics;
import tools.jackson.databind.json.JsonMapper;

/** Turns stored models into what clients see, with elapsed time and an estimate of the time left. */
@Component
class ModelViews {

    private final JsonMapper json;
    private final Clock clock;

    ModelViews(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    ModelView of(Model model) {
        ModelSpec spec = json.readValue(model.spec(), ModelSpec.class);
        Preparation preparation = json.readValue(model.preprocessing(), Preparation.class);
        return new ModelView(model.id(), model.name(), model.status(), model.task(), progress(model, spec), spec,
                preparation.preprocessor(), preparation.classes(),
                new ModelView.Split(preparation.trainingRows(), preparation.validationRows()),
                read(model.metrics(), Metrics.class), read(model.outcome(), Outcome.class), model.error(),
                model.createdAt(), model.startedAt(), model.finishedAt());
    }

    /** Time left, estimated from the pace so far: elapsed / epochs done × epochs to go. */
    private ModelView.Progress progress(Model model, ModelSpec spec) {
        int epochs = spec.training().epochs();
        if (model.startedAt() == null) {
            return new ModelView.Progress(model.epoch(), epochs, model.cost(), null, null);
        }
        Instant until = model.finishedAt() != null ? model.finishedAt() : clock.instant();
        double elapsed = Duration.between(model.startedAt(), until).toMillis() / 1000.0;
        Double eta = model.status() != ModelStatus.RUNNING || model.epoch() == 0 ? null
                : elapsed / model.epoch() * (epochs - model.epoch());
        return new ModelView.Progress(model.epoch(), epochs, model.cost(), elapsed, eta);
    }

    private <T> T read(String document, Class<T> type) {
        return document == null ? null : json.readValue(document, type);
    }
}
