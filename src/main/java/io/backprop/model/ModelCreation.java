package io.backprop.model;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.model.spec.Checks;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.SpecValidator;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.system.StorageBudget;
import io.backprop.training.JobProperties;
import io.backprop.training.QueueFullException;
import io.backprop.training.TrainingQueue;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import tools.jackson.databind.JsonNode;

/**
 * Accepts a training request: reads it (every value of the wrong kind noted), resolves what it refers to, fills
 * in the defaults once, checks the filled spec, holds it to the budgets, and only then stores it and queues its
 * job.
 */
@Service
class ModelCreation {

    private final JsonBinding binding;
    private final TrainingInputs inputs;
    private final SpecValidator validator = new SpecValidator();
    private final ModelBudget budget;
    private final StorageBudget storage;
    private final JdbcAggregateOperations aggregates;
    private final TransactionTemplate transaction;
    private final ModelRepository models;
    private final TrainingQueue queue;
    private final RequestLimits limits;
    private final JobProperties jobs;
    private final ModelViews views;
    private final Clock clock;
    private final SecureRandom seeds = new SecureRandom();

    ModelCreation(JsonBinding binding, TrainingInputs inputs, ModelBudget budget, StorageBudget storage,
            JdbcAggregateOperations aggregates, TransactionTemplate transaction, ModelRepository models,
            TrainingQueue queue, RequestLimits limits, JobProperties jobs, ModelViews views, Clock clock) {
        this.binding = binding;
        this.inputs = inputs;
        this.budget = budget;
        this.storage = storage;
        this.aggregates = aggregates;
        this.transaction = transaction;
        this.models = models;
        this.queue = queue;
        this.limits = limits;
        this.jobs = jobs;
        this.views = views;
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException listing every problem with the request
     * @throws QueueFullException when the training queue is full (nothing is kept then)
     * @throws org.springframework.web.ErrorResponseException when the model, its job or the store would be past a
     *     budget (see {@link ModelBudget}, {@link StorageBudget})
     */
    ModelView create(JsonNode body) {
        JsonBinding.Bound<TrainingRequest> bound = binding.bind(body, TrainingRequest.class);
        TrainingRequest request = bound.value();
        if (request == null) {
            throw new InvalidRequestException(bound.violations());
        }
        int maxSeconds = (int) jobs.maxDuration().toSeconds();
        Checks checks = new Checks(limits, maxSeconds);
        TrainingInputs.Resolved resolved = inputs.resolve(request, checks);
        ModelSpec spec = ModelSpec.of(request, resolved.rows(), seeds.nextLong(), maxSeconds);
        validator.check(checks, request.name(), spec, resolved.rows(), resolved.start());
        InvalidRequestException.throwIfAny(bound.violations(), checks.violations());
        TrainingData data = TrainingData.prepare(spec, resolved.rows());
        budget.check(spec, data, resolved.rows());
        String id = ResourceIds.next();
        String name = request.name() != null ? request.name() : "model " + id.substring(0, 8);
        ModelDataset stored = new ModelDataset(id, resolved.rows(), resolved.start());
        long bytes = budget.storedBytes(spec, data.fit(), stored);
        Model model = Model.queued(id, name, Task.of(data.labels()), spec, data.fit(), bytes, clock.instant());
        storage.admit(bytes, () -> transaction.executeWithoutResult(status -> {
            aggregates.insert(model);
            aggregates.insert(stored);
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
}
