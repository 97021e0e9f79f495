package io.backprop.model;

import java.time.Clock;
import java.util.List;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.dataset.DatasetInput;
import io.backprop.training.TrainingJournal;
import io.backprop.training.TrainingOutcome;
import io.backprop.training.TrainingTask;
import tools.jackson.databind.json.JsonMapper;

/** Records training jobs' lifecycle in the models' tables, which is what lets jobs outlive the process. */
@Component
class ModelJournal implements TrainingJournal {

    private final ModelRepository models;
    private final ModelDatasetRepository datasets;
    private final JdbcAggregateOperations aggregates;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ModelJournal(ModelRepository models, ModelDatasetRepository datasets, JdbcAggregateOperations aggregates,
            JsonMapper json, TransactionTemplate transaction, Clock clock) {
        this.models = models;
        this.datasets = datasets;
        this.aggregates = aggregates;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public boolean started(String modelId) {
        return models.markRunning(modelId, clock.instant());
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
        TrainedModel trained = new TrainedModel(json.readValue(model.spec(), ModelSpec.class),
                json.readValue(model.preprocessing(), Preparation.class), outcome.parameters());
        Metrics metrics = new Metrics(trained.evaluate(task.training()),
                task.validation() == null ? null : trained.evaluate(task.validation()));
        ModelResult result = new ModelResult(task.modelId(), json.writeValueAsString(outcome.parameters()),
                json.writeValueAsString(new LearningCurve(outcome.curve())));
        String ending = json.writeValueAsString(new Outcome(outcome.epochs(), outcome.bestEpoch(),
                outcome.stoppedEarly()));
        transaction.executeWithoutResult(status -> {
            aggregates.insert(result);
            if (!models.markSucceeded(task.modelId(), outcome.epochs(), metrics.training().cost(),
                    json.writeValueAsString(metrics), ending, clock.instant())) {
                status.setRollbackOnly();
            }
        });
    }

    @Override
    public void failed(String modelId, String message) {
        models.markFailed(modelId, message, clock.instant());
    }

    @Override
    public List<TrainingTask> unfinished() {
        return transaction.execute(status -> {
            models.requeueUnfinished();
            return models.findByStatusInOrderByCreatedAt(List.of(ModelStatus.QUEUED)).stream().map(this::task).toList();
        });
    }

    private TrainingTask task(Model model) {
        ModelSpec spec = json.readValue(model.spec(), ModelSpec.class);
        DatasetInput rows = json.readValue(datasets.findById(model.id()).orElseThrow().content(), DatasetInput.class);
        return PreparedData.prepare(spec, rows).task(model.id(), spec);
    }
}
