package io.backprop.model;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.dataset.DatasetInput;
import io.backprop.metrics.Metrics;
import io.backprop.network.Parameters;
import io.backprop.training.TrainingEvents;
import io.backprop.training.TrainingJournal;
import io.backprop.training.TrainingOutcome;
import io.backprop.training.TrainingTask;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records training jobs' lifecycle in the models' tables, which is what lets jobs outlive the process, and
 * tells clients following a model about each change.
 */
@Component
class ModelJournal implements TrainingJournal {

    private final ModelRepository models;
    private final ModelDatasetRepository datasets;
    private final JdbcAggregateOperations aggregates;
    private final ModelViews views;
    private final TrainingEvents events;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ModelJournal(ModelRepository models, ModelDatasetRepository datasets, JdbcAggregateOperations aggregates,
            ModelViews views, TrainingEvents events, JsonMapper json, TransactionTemplate transaction, Clock clock) {
        this.models = models;
        this.datasets = datasets;
        this.aggregates = aggregates;
        this.views = views;
        this.events = events;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public Optional<TrainingTask> started(String modelId) {
        if (!models.markRunning(modelId, clock.instant())) {
            return Optional.empty();
        }
        Model model = models.findById(modelId).orElse(null);
        if (model == null) {
            return Optional.empty();
        }
        if (events.hasListeners(modelId)) {
            events.publish(modelId, "status", views.of(model));
        }
        return datasets.findById(modelId).map(stored -> task(model, stored));
    }

    @Override
    public void progressed(String modelId, int epochs, double cost) {
        models.recordProgress(modelId, epochs, cost);
    }

    /** Stores parameters, curve, metrics and outcome together with the status, or nothing if it was cancelled. */
    @Override
    public void succeeded(TrainingTask task, TrainingOutcome outcome) {
        Model model = models.findById(task.modelId()).orElse(null);
        if (model == null) {
            return;
        }
        ModelSpec spec = json.readValue(model.spec(), ModelSpec.class);
        TrainedModel trained = new TrainedModel(spec, json.readValue(model.preprocessing(), Preparation.class),
                outcome.parameters());
        Metrics metrics = new Metrics(trained.evaluate(task.training()),
                task.validation() == null ? null : trained.evaluate(task.validation()));
        ModelResult result = new ModelResult(task.modelId(), ParametersCodec.encode(outcome.parameters()),
                json.writeValueAsString(new LearningCurve(outcome.curve())));
        String ending = json.writeValueAsString(Outcome.of(outcome, spec.training()));
        transaction.executeWithoutResult(status -> {
            aggregates.insert(result);
            if (!models.markSucceeded(task.modelId(), outcome.epochs(), metrics.training().cost(),
                    json.writeValueAsString(metrics), ending, clock.instant())) {
                status.setRollbackOnly();
            }
        });
        announceEnd(task.modelId());
    }

    @Override
    public void failed(String modelId, String message) {
        models.markFailed(modelId, message, clock.instant());
        announceEnd(modelId);
    }

    /** Sends the model as it ended to everyone following it, and closes their streams. */
    void announceEnd(String modelId) {
        if (events.hasListeners(modelId)) {
            models.findById(modelId).ifPresent(model -> events.finish(modelId, views.of(model)));
        }
    }

    @Override
    public List<String> unfinished() {
        return transaction.execute(status -> {
            models.requeueUnfinished();
            return models.findByStatusInOrderByCreatedAt(List.of(ModelStatus.QUEUED)).stream().map(Model::id)
                    .toList();
        });
    }

    /** The job, prepared from the stored rows exactly as when the model was created (the split is seeded). */
    private TrainingTask task(Model model, ModelDataset stored) {
        ModelSpec spec = json.readValue(model.spec(), ModelSpec.class);
        Parameters start = stored.initialParameterBytes() == null ? null
                : ParametersCodec.decode(stored.initialParameterBytes());
        return PreparedData.prepare(spec, json.readValue(stored.content(), DatasetInput.class))
                .task(model.id(), spec, start);
    }
}
