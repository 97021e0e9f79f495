package io.backprop.model;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.dataset.RowStore;
import io.backprop.network.Checkpoint;
import io.backprop.system.AdmissionLock;
import io.backprop.training.CurvePoint;
import io.backprop.training.JobEnd;
import io.backprop.training.JobResult;
import io.backprop.training.TrainingEvents;
import io.backprop.training.TrainingJob;
import io.backprop.training.TrainingJournal;

/**
 * Records training jobs' lifecycle in the models' tables, which is what lets jobs outlive the process, and
 * tells clients following a model about each change.
 */
@Component
class ModelJournal implements TrainingJournal {

    private static final Logger log = LoggerFactory.getLogger(ModelJournal.class);
    /** How many times a success is stored when its version number was taken meanwhile. */
    private static final int VERSION_ATTEMPTS = 3;

    private final ModelRepository models;
    private final AdmissionLock admission;
    private final Receipts receipts;
    private final ModelDatasetRepository datasets;
    private final JdbcAggregateOperations aggregates;
    private final ModelViews views;
    private final TrainingEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final RowStore rows;
    private final ModelCheckpointRepository checkpoints;

    ModelJournal(ModelRepository models, ModelDatasetRepository datasets, JdbcAggregateOperations aggregates,
            ModelViews views, TrainingEvents events, TransactionTemplate transaction, Clock clock, RowStore rows,
            ModelCheckpointRepository checkpoints, AdmissionLock admission, Receipts receipts) {
        this.models = models;
        this.receipts = receipts;
        this.admission = admission;
        this.datasets = datasets;
        this.aggregates = aggregates;
        this.views = views;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.rows = rows;
        this.checkpoints = checkpoints;
    }

    @Override
    public Optional<TrainingJob> started(String modelId) {
        Optional<TrainingJob.Resume> resume = checkpoints.findById(modelId)
                .map(saved -> new TrainingJob.Resume(saved.content(), saved.curve().points()));
        int epoch = resume.map(from -> from.checkpoint().epochs()).orElse(0);
        Double cost = resume.map(from -> from.curve().get(from.curve().size() - 1).cost()).orElse(null);
        if (!models.markRunning(modelId, epoch, cost, clock.instant())) {
            return Optional.empty();
        }
        if (epoch > 0) {
            log.info("Model {} goes on from its checkpoint after {} epochs", modelId, epoch);
        }
        Model model = models.findById(modelId).orElse(null);
        if (model == null) {
            return Optional.empty();
        }
        if (events.hasListeners(modelId)) {
            events.publish(modelId, "status", views.of(model));
        }
        // prepared from the stored rows exactly as when the model was created: the split is seeded
        return datasets.findById(modelId).map(stored -> TrainingData.prepare(model.spec(), rows.read(
                stored.rowSetId(), model.spec().dataset().featureNames(), model.spec().dataset().targetNames()))
                .job(modelId, model.spec(), stored.initialParameters()))
                .map(fresh -> resume.map(fresh::resumingFrom).orElse(fresh));
    }

    @Override
    public void checkpointed(String modelId, Checkpoint checkpoint, List<CurvePoint> curve) {
        ModelCheckpoint saved = new ModelCheckpoint(modelId, checkpoint.epochs(), checkpoint, new LearningCurve(curve),
                clock.instant());
        // under the model's row lock: a cancel or delete either comes after (and removes the checkpoint) or before
        transaction.executeWithoutResult(status -> {
            if (models.lockIfRunning(modelId).isPresent()) {
                if (checkpoints.existsById(modelId)) {
                    aggregates.update(saved);
                }
                else {
                    aggregates.insert(saved);
                }
            }
        });
    }

    @Override
    public void progressed(String modelId, int epochs, double cost) {
        models.recordProgress(modelId, epochs, cost);
    }

    @Override
    public Control control(String modelId) {
        return models.stopRequested(modelId).map(stop -> stop ? Control.STOP : Control.CONTINUE)
                .orElse(Control.END);
    }

    @Override
    public boolean requestStop(String modelId) {
        return models.requestStop(modelId);
    }

    /**
     * Stores parameters, curve, metrics and outcome together with the status, or nothing if it was cancelled. Two
     * successes of one name that take the same version number (the unique index refuses the second; H2 showed it
     * once in 9,000 tiny jobs on two threads, despite the lock) store again, with the next number.
     */
    @Override
    public void succeeded(TrainingJob job, JobResult result, Runnable alongside) {
        retryingVersion(() -> transaction.executeWithoutResult(status -> {
            if (storeSuccess(job, result, receipts.of(job, result))) {
                checkpoints.deleteById(job.modelId());
            }
            alongside.run();
        }));
        announceEnd(job.modelId());
    }

    /**
     * Runs {@code store}, a whole transaction, again, up to {@link #VERSION_ATTEMPTS} times, while its version
     * number was taken.
     */
    static void retryingVersion(Runnable store) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.run();
                return;
            }
            catch (DuplicateKeyException sameVersion) {
                if (attempt == VERSION_ATTEMPTS) {
                    throw sameVersion;
                }
            }
        }
    }

    /** RUNNING → SUCCEEDED with the results; false (storing nothing) when the model was no longer RUNNING. */
    private boolean storeSuccess(TrainingJob job, JobResult result, Receipt receipt) {
        // versions of a name are numbered one at a time, across replicas
        admission.hold();
        if (!models.markSucceeded(job.modelId(), result.epochs(), result.metrics().training().cost(),
                DataFit.of(job), result.metrics(), Outcome.of(result, job), receipt, clock.instant())) {
            return false;
        }
        aggregates.insert(new ModelResult(job.modelId(), result.parameters(), new LearningCurve(result.curve())));
        return true;
    }

    /**
     * Records how a job trained at once ended, in the transaction that stores its model (just inserted, RUNNING,
     * on the row set {@code rowSetId}): it succeeded or failed, as a queued job would have.
     */
    void endedAtOnce(Model model, String rowSetId, JobEnd end) {
        if (end instanceof JobEnd.Succeeded success) {
            storeSuccess(success.job(), success.result(), receipts.of(model.spec(), rowSetId, success.job(),
                    success.result()));
        }
        else {
            models.markFailed(model.id(), ((JobEnd.Failed) end).message(), clock.instant());
        }
    }

    /** Registers a search's successful trial as the next version of {@code name}; false if it cannot be. */
    boolean register(String modelId, String name) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            admission.hold();
            return models.register(modelId, name);
        }));
    }

    @Override
    public void failed(String modelId, String message) {
        models.markFailed(modelId, message, clock.instant());
        checkpoints.deleteById(modelId);
        announceEnd(modelId);
    }

    /** A model cancelled: its checkpoint goes, and its followers hear the end. */
    void cancelled(String modelId) {
        checkpoints.deleteById(modelId);
        announceEnd(modelId);
    }

    /** Sends the model as it ended to everyone following it, and closes their streams. */
    void announceEnd(String modelId) {
        if (events.hasListeners(modelId)) {
            models.findById(modelId).ifPresent(model -> events.finish(modelId, views.of(model)));
        }
    }

    @Override
    public void endedElsewhere(String modelId) {
        announceEnd(modelId);
    }

    @Override
    public int queued() {
        return models.countByStatus(ModelStatus.QUEUED);
    }

    @Override
    public List<String> unfinished() {
        return models.findByStatusInOrderByCreatedAt(List.of(ModelStatus.QUEUED, ModelStatus.RUNNING)).stream()
                .map(Model::id).toList();
    }
}
