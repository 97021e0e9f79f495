package io.backprop.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.Parameters;
import io.backprop.system.FieldViolation;
import io.backprop.system.InvalidRequestException;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;
import io.backprop.training.QueueFullException;
import io.backprop.training.TrainingQueue;
import tools.jackson.databind.json.JsonMapper;

/** Accepts training requests, answers from trained models, and manages models' lifecycle. */
@Service
class ModelService {

    private final TrainingRequestValidator validator;
    private final ModelRepository models;
    private final ModelResultRepository results;
    private final JdbcAggregateOperations aggregates;
    private final TrainedModels trained;
    private final TrainingQueue queue;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final RequestLimits limits;
    private final Clock clock;
    private final SecureRandom seeds = new SecureRandom();

    ModelService(TrainingRequestValidator validator, ModelRepository models, ModelResultRepository results,
            JdbcAggregateOperations aggregates, TrainedModels trained, TrainingQueue queue, JsonMapper json,
            TransactionTemplate transaction, RequestLimits limits, Clock clock) {
        this.validator = validator;
        this.models = models;
        this.results = results;
        this.aggregates = aggregates;
        this.trained = trained;
        this.queue = queue;
        this.json = json;
        this.transaction = transaction;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Stores the request and queues its training.
     *
     * @throws InvalidRequestException listing every problem with the request
     * @throws QueueFullException when the training queue is full (nothing is kept then)
     */
    ModelView create(TrainingRequest request) {
        DatasetInput rows = validator.validate(request);
        ModelSpec spec = ModelSpec.of(request, rows, seeds.nextLong());
        PreparedData prepared = PreparedData.prepare(spec, rows);
        String id = UUID.randomUUID().toString();
        String name = request.name() != null ? request.name() : "model " + id.substring(0, 8);
        Task task = prepared.preparation().classes() == null ? Task.REGRESSION : Task.CLASSIFICATION;
        Model model = Model.queued(id, name, task, json.writeValueAsString(spec),
                json.writeValueAsString(prepared.preparation()), clock.instant());
        transaction.executeWithoutResult(status -> {
            aggregates.insert(model);
            aggregates.insert(new ModelDataset(id, json.writeValueAsString(rows)));
        });
        try {
            queue.submit(prepared.task(id, spec));
        }
        catch (QueueFullException e) {
            models.deleteById(id);
            throw e;
        }
        return view(model);
    }

    ModelView get(String id) {
        return view(find(id));
    }

    /** Models, newest first, optionally only those in one status. */
    Page<ModelView> list(ModelStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        Page<Model> found = status == null ? models.findAll(request) : models.findByStatus(status, request);
        return found.map(this::view);
    }

    /** Stops a queued or running job; cancelling a cancelled model again changes nothing. */
    ModelView cancel(String id) {
        Model model = find(id);
        if (model.status() == ModelStatus.SUCCEEDED || model.status() == ModelStatus.FAILED) {
            throw new ModelStateException(id, model.status(), "only QUEUED or RUNNING jobs can be cancelled");
        }
        queue.cancel(id);
        models.markCancelled(id, clock.instant());
        return get(id);
    }

    /** Removes a model with its data and results, cancelling its training first. */
    void delete(String id) {
        find(id);
        queue.cancel(id);
        models.markCancelled(id, clock.instant());
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
        return models.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    private ModelView view(Model model) {
        ModelSpec spec = json.readValue(model.spec(), ModelSpec.class);
        Preparation preparation = json.readValue(model.preprocessing(), Preparation.class);
        return new ModelView(model.id(), model.name(), model.status(), model.task(),
                new ModelView.Progress(model.epoch(), spec.training().epochs(), model.cost()), spec,
                preparation.preprocessor(), preparation.classes(),
                new ModelView.Split(preparation.trainingRows(), preparation.validationRows()),
                read(model.metrics(), Metrics.class), read(model.outcome(), Outcome.class), model.error(),
                model.createdAt(), model.startedAt(), model.finishedAt());
    }

    private <T> T read(String document, Class<T> type) {
        return document == null ? null : json.readValue(document, type);
    }
}
