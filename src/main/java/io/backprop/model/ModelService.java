package io.backprop.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.backprop.dataset.DatasetInput;
import io.backprop.metrics.Evaluation;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.system.FieldViolation;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.system.StorageBudget;
import io.backprop.training.QueueFullException;
import io.backprop.training.TrainingEvents;
import io.backprop.training.TrainingProperties;
import io.backprop.training.TrainingQueue;
import io.backprop.web.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

/** Accepts training requests, answers from trained models, and manages models' lifecycle. */
@Service
class ModelService {

    private final TrainingRequestValidator validator;
    private final ModelRepository models;
    private final ModelResultRepository results;
    private final ModelDatasetRepository datasets;
    private final JdbcAggregateOperations aggregates;
    private final TrainedModels trained;
    private final TrainingQueue queue;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final RequestLimits limits;
    private final TrainingProperties training;
    private final ModelViews views;
    private final ModelJournal journal;
    private final TrainingEvents events;
    private final Clock clock;
    private final ModelBudget budget;
    private final StorageBudget storage;
    private final SecureRandom seeds = new SecureRandom();

    /** How long a stop request waits for the job to finish its epoch and store its parameters. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    ModelService(TrainingRequestValidator validator, ModelRepository models, ModelResultRepository results,
            ModelDatasetRepository datasets,
            JdbcAggregateOperations aggregates, TrainedModels trained, TrainingQueue queue, JsonMapper json,
            TransactionTemplate transaction, RequestLimits limits, TrainingProperties training, ModelViews views,
            ModelJournal journal, TrainingEvents events, Clock clock, ModelBudget budget, StorageBudget storage) {
        this.validator = validator;
        this.models = models;
        this.results = results;
        this.datasets = datasets;
        this.aggregates = aggregates;
        this.trained = trained;
        this.queue = queue;
        this.json = json;
        this.transaction = transaction;
        this.limits = limits;
        this.training = training;
        this.views = views;
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        this.budget = budget;
        this.storage = storage;
    }

    /**
     * Stores the request and queues its training.
     *
     * @throws InvalidRequestException listing every problem with the request
     * @throws QueueFullException when the training queue is full (nothing is kept then)
     * @throws org.springframework.web.ErrorResponseException when the model, its job or the store would be past a
     *     budget (see {@link ModelBudget}, {@link StorageBudget})
     */
    ModelView create(TrainingRequest request) {
        TrainingRequestValidator.ValidRequest valid = validator.validate(request);
        DatasetInput rows = valid.rows();
        ModelSpec spec = ModelSpec.of(request, rows, seeds.nextLong(), (int) training.maxDuration().toSeconds());
        PreparedData prepared = PreparedData.prepare(spec, rows);
        budget.check(spec, prepared, rows);
        String id = ResourceIds.next();
        String name = request.name() != null ? request.name() : "model " + id.substring(0, 8);
        List<Object> classes = prepared.preparation().classes();
        Task task = classes == null ? Task.REGRESSION : Task.CLASSIFICATION;
        String specJson = json.writeValueAsString(spec);
        String preparation = json.writeValueAsString(prepared.preparation());
        ModelDataset data = new ModelDataset(id, json.writeValueAsString(rows),
                valid.start() == null ? null : ParametersCodec.encode(valid.start()));
        long bytes = budget.storedBytes(spec.network(), classes == null ? 0 : classes.size(), specJson, preparation,
                data.content()) + (data.initialParameterBytes() == null ? 0 : data.initialParameterBytes().length);
        Model model = Model.queued(id, name, task, specJson, preparation, bytes, clock.instant());
        storage.admit(bytes, () -> transaction.executeWithoutResult(status -> {
            aggregates.insert(model);
            aggregates.insert(data);
        }));
        try {
            queue.submit(id);
        }
        catch (QueueFullException e) {
            models.deleteById(id);
            throw e;
        }
        return views.of(model);
    }

    ModelView get(String id) {
        return views.of(find(id));
    }

    /** Models, newest first, optionally only those in one status. */
    Page<ModelView> list(ModelStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        Page<Model> found = status == null ? models.findAll(request) : models.findByStatus(status, request);
        return found.map(views::of);
    }

    /** Stops a queued or running job; cancelling a cancelled model again changes nothing. */
    ModelView cancel(String id) {
        Model model = find(id);
        if (model.status() == ModelStatus.SUCCEEDED || model.status() == ModelStatus.FAILED) {
            throw new ModelStateException(id, model.status(), "only QUEUED or RUNNING jobs can be cancelled");
        }
        queue.cancel(id);
        boolean cancelled = models.markCancelled(id, clock.instant());
        Model ended = find(id);
        if (!cancelled && ended.status() != ModelStatus.CANCELLED) {
            throw new ModelStateException(id, ended.status(), "it ended before the cancel took effect");
        }
        journal.announceEnd(id);
        return views.of(ended);
    }

    /**
     * Ends a running job within a batch and keeps it: the model becomes SUCCEEDED with the parameters it has (or
     * with early stopping, those of its best epoch). A cancel or delete that wins the race is reported as such.
     */
    ModelView stop(String id) {
        Model model = find(id);
        TrainingQueue.Stop stop = model.status() == ModelStatus.RUNNING ? queue.stop(id, STOP_WAIT)
                : TrainingQueue.Stop.NOT_HERE;
        Model now = find(id);
        if (stop == TrainingQueue.Stop.NOT_HERE) {
            throw new ModelStateException(id, now.status(), "only a RUNNING job can be stopped; cancel a QUEUED one");
        }
        if (stop == TrainingQueue.Stop.ENDED && now.status() != ModelStatus.SUCCEEDED) {
            throw new ModelStateException(id, now.status(), "a cancel, a failure or a delete ended it first");
        }
        return views.of(now);
    }

    /**
     * A stream of the model's events: its current state at once, then progress and status changes while it
     * trains, and a final event when it ends, after which the stream closes.
     */
    SseEmitter events(String id) {
        find(id);
        return events.follow(id, () -> models.findById(id)
                .map(model -> new TrainingEvents.Snapshot(views.of(model),
                        model.status() != ModelStatus.QUEUED && model.status() != ModelStatus.RUNNING))
                .orElseGet(() -> new TrainingEvents.Snapshot(Map.of("id", id, "deleted", true), true)));
    }

    /** Removes a model with its data and results, cancelling its training first. */
    void delete(String id) {
        find(id);
        queue.cancel(id);
        models.markCancelled(id, clock.instant());
        journal.announceEnd(id);
        models.deleteById(id);
        trained.evict(id);
    }

    PredictionResponse predict(String id, PredictionRequest request) {
        TrainedModel model = trained.get(id);
        List<FieldViolation> violations = new ArrayList<>();
        MatrixChecks.check("features", request.features(), model.spec().dataset().features(),
                limits.maxPredictRows(), limits.maxColumns(), violations);
        InvalidRequestException.throwIfAny(violations);
        return model.predict(request.features());
    }

    /** The trained model's fit on labelled rows the caller brings, in raw units like the training rows. */
    Evaluation evaluate(String id, DatasetInput rows) {
        TrainedModel model = trained.get(id);
        validator.validateEvaluation(model, rows);
        return model.evaluate(model.examples(rows));
    }

    /** A two-input model's outputs over a grid, with the training points: the tutorials' shaded boundary. */
    DecisionBoundary decisionBoundary(String id, Integer resolution, Double xMin, Double xMax, Double yMin,
            Double yMax) {
        TrainedModel model = trained.get(id);
        DatasetSummary data = model.spec().dataset();
        if (data.features() != 2) {
            throw new ModelCapabilityException("A decision boundary needs a model with 2 input features; model " + id
                    + " has " + data.features() + " (" + String.join(", ", data.featureNames()) + ")");
        }
        List<ColumnStatistics> columns = model.preparation().preprocessor().features().columns();
        BoundaryRequest grid = BoundaryRequest.of(resolution, xMin, xMax, yMin, yMax, columns.get(0), columns.get(1),
                limits.maxBoundaryResolution());
        DatasetInput rows = json.readValue(datasets.findById(id).orElseThrow(() -> new ModelNotFoundException(id))
                .content(), DatasetInput.class);
        return model.decisionBoundary(grid.xs(), grid.ys(), rows);
    }

    /** The stored curve of a finished model, the curve so far of one training here, or an empty one. */
    LearningCurve learningCurve(String id) {
        find(id);
        return results.findById(id).map(result -> json.readValue(result.learningCurve(), LearningCurve.class))
                .or(() -> queue.liveCurve(id).map(LearningCurve::new))
                .orElseGet(() -> new LearningCurve(List.of()));
    }

    Parameters parameters(String id) {
        return trained.get(id).parameters();
    }

    private Model find(String id) {
        return Optional.ofNullable(ResourceIds.wellFormed(id) ? id : null).flatMap(models::findById)
                .orElseThrow(() -> new ModelNotFoundException(id));
    }
}
