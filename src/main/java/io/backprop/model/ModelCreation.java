package io.backprop.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.access.Quotas;
import io.backprop.dataset.RowSet;
import io.backprop.dataset.RowStore;
import io.backprop.model.spec.Checks;
import io.backprop.model.spec.ModelSpec;
import io.backprop.model.spec.SpecValidator;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.system.RequestLimits;
import io.backprop.system.ResourceIds;
import io.backprop.system.StorageBudget;
import io.backprop.training.ImmediateTraining;
import io.backprop.training.JobProperties;
import io.backprop.training.QueueFullException;
import io.backprop.training.TrainingJob;
import io.backprop.training.TrainingQueue;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.backprop.web.Problems;
import tools.jackson.databind.JsonNode;

/**
 * Accepts a training request: reads it (every value of the wrong kind noted), resolves what it refers to, fills
 * in the defaults once, checks the filled spec, holds it to the budgets, and only then stores it and queues its
 * job.
 */
@Service
public class ModelCreation {

    private static final Logger log = LoggerFactory.getLogger(ModelCreation.class);

    private final JsonBinding binding;
    private final TrainingInputs inputs;
    private final SpecValidator validator = new SpecValidator();
    private final ModelBudget budget;
    private final StorageBudget storage;
    private final JdbcAggregateOperations aggregates;
    private final TransactionTemplate transaction;
    private final TrainingQueue queue;
    private final RequestLimits limits;
    private final JobProperties jobs;
    private final ModelViews views;
    private final Clock clock;
    private final RowStore rowStore;
    private final Quotas quotas;
    private final AuditTrail audit;
    private final StoredModels storedModels;
    private final ModelDatasetRepository modelDatasets;
    private final SecureRandom seeds = new SecureRandom();
    private final ImmediateTraining immediate;
    private final ModelJournal journal;

    ModelCreation(JsonBinding binding, TrainingInputs inputs, ModelBudget budget, StorageBudget storage,
            JdbcAggregateOperations aggregates, TransactionTemplate transaction, TrainingQueue queue,
            RequestLimits limits, JobProperties jobs, ModelViews views, Clock clock,
            RowStore rowStore, Quotas quotas, AuditTrail audit, StoredModels storedModels,
            ModelDatasetRepository modelDatasets, ImmediateTraining immediate, ModelJournal journal) {
        this.binding = binding;
        this.inputs = inputs;
        this.budget = budget;
        this.storage = storage;
        this.aggregates = aggregates;
        this.transaction = transaction;
        this.queue = queue;
        this.limits = limits;
        this.jobs = jobs;
        this.views = views;
        this.clock = clock;
        this.rowStore = rowStore;
        this.quotas = quotas;
        this.audit = audit;
        this.storedModels = storedModels;
        this.modelDatasets = modelDatasets;
        this.immediate = immediate;
        this.journal = journal;
    }

    /**
     * @throws InvalidRequestException listing every problem with the request
     * @throws QueueFullException when the training queue filled meanwhile (nothing is kept then)
     * @throws org.springframework.web.ErrorResponseException past the owner's quotas (see {@link Quotas})
     * @throws org.springframework.web.ErrorResponseException when the model, its job or the store would be past a
     *     budget (see {@link ModelBudget}, {@link StorageBudget})
     */
    ModelView create(JsonNode body) {
        // a full queue was refused before the request was read (QueueGate)
        Admitted admitted = admit(body);
        return atOnce(admitted).orElseGet(() -> store(admitted, null, 0, () -> { }));
    }

    /** Trains a job small enough at once and stores its model as it ended; empty when the job is to be queued. */
    private Optional<ModelView> atOnce(Admitted admitted) {
        if (!immediate.suits(admitted.flops(), admitted.steps())) {
            return Optional.empty();
        }
        Instant created = clock.instant();
        String id = ResourceIds.next();
        TrainingJob job = TrainingData.prepare(admitted.spec, admitted.resolved.rows())
                .job(id, admitted.spec, admitted.resolved.start());
        return immediate.train(job).map(end -> {
            queue.notQueued();
            Model model = newModel(admitted, id, created).running(end.started());
            ModelJournal.retryingVersion(() -> store(model, admitted.resolved, () -> { },
                    rowSetId -> journal.endedAtOnce(model, rowSetId, end)));
            return views.of(aggregates.findById(id, Model.class));
        });
    }

    /** A training request that passed every check and budget, ready to be stored and queued. */
    public static final class Admitted {

        private final TrainingRequest request;
        private final TrainingInputs.Resolved resolved;
        private final ModelSpec spec;
        private final DataFit plan;

        private Admitted(TrainingRequest request, TrainingInputs.Resolved resolved, ModelSpec spec, DataFit plan) {
            this.request = request;
            this.resolved = resolved;
            this.spec = spec;
            this.plan = plan;
        }

        public ModelSpec spec() {
            return spec;
        }

        /** Whether the model predicts classes. */
        public boolean classifier() {
            return plan.classes() != null;
        }

        /** The work its training takes, as the cost ceiling counts it. */
        public double flops() {
            return ModelBudget.flops(spec, resolved.rows().rows());
        }

        /** The batches its training takes, every epoch of every pass over the rows (folds included). */
        long steps() {
            Integer batchSize = spec.training().batchSize();
            long batches = batchSize == null ? 1 : (plan.trainingRows() + batchSize - 1) / batchSize;
            return batches * spec.training().epochs() * spec.training().rowPasses();
        }
    }

    /**
     * Reads a training request, resolves what it refers to, fills in the defaults and checks it against every
     * rule and budget, storing nothing.
     *
     * @throws InvalidRequestException listing every problem with the request
     * @throws org.springframework.web.ErrorResponseException when its model or job would be past a budget
     */
    public Admitted admit(JsonNode body) {
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
        DataFit plan = TrainingData.plan(spec, resolved.rows());
        budget.check(spec, plan, resolved.rows());
        return new Admitted(request, resolved, spec, plan);
    }

    /** Holds a search's trials together to the cost ceiling: their work summed (each passed it alone). */
    public void checkCost(List<Admitted> trials) {
        Admitted largest = trials.stream().max(java.util.Comparator.comparingLong(
                t -> t.spec.network().parameterCount())).orElseThrow();
        long epochs = trials.stream().mapToLong(t -> (long) t.spec.training().epochs() * t.spec.training().rowPasses())
                .sum();
        budget.checkCost(largest.spec.network().parameterCount(), largest.resolved.rows().rows(), epochs,
                trials.stream().mapToDouble(Admitted::flops).sum());
    }

    /**
     * Stores and queues an admitted request as trial {@code trial} of search {@code searchId}, for the current
     * caller; {@code guard} runs first in the storing transaction, and may refuse by throwing (nothing is kept).
     *
     * @throws QueueFullException when the training queue is full (nothing is kept then)
     * @throws org.springframework.web.ErrorResponseException past the owner's quotas
     */
    public ModelView submitTrial(Admitted admitted, String searchId, int trial, Runnable guard) {
        queue.requireRoom();
        return store(admitted, searchId, trial, guard);
    }

    private ModelView store(Admitted admitted, String searchId, int trial, Runnable guard) {
        Model model = newModel(admitted, ResourceIds.next(), clock.instant());
        Model stored = searchId == null ? model : model.inSearch(searchId, trial);
        store(stored, admitted.resolved, guard, rowSetId -> queue.submit(stored.id()));
        return views.of(stored);
    }

    private Model newModel(Admitted admitted, String id, Instant created) {
        ModelSpec spec = admitted.spec;
        String name = admitted.request.name() != null ? admitted.request.name() : "model " + id.substring(0, 8);
        return Model.queued(id, name, Caller.newOwner(), Task.of(admitted.plan.labels(spec)), spec, admitted.plan,
                budget.storedBytes(spec, admitted.plan, admitted.resolved.start() != null), created);
    }

    /**
     * Queues a new model that trains the stored model's request again: its spec (seed included), its rows and
     * its starting parameters, under its name, held to the same budgets and quotas.
     */
    ModelView replay(Model original) {
        RowSet rows = storedModels.trainingRows(original.id());
        ModelDataset dataset = modelDatasets.findById(original.id())
                .orElseThrow(() -> new ModelNotFoundException(original.id()));
        ModelSpec spec = original.spec();
        DataFit plan = TrainingData.plan(spec, rows);
        budget.check(spec, plan, rows);
        queue.requireRoom();
        Model model = Model.queued(ResourceIds.next(), original.name(), Caller.newOwner(), original.task(), spec, plan,
                budget.storedBytes(spec, plan, dataset.initialParameters() != null), clock.instant());
        store(model, new TrainingInputs.Resolved(rows, dataset.rowSetId(), dataset.initialParameters()), () -> { },
                rowSetId -> queue.submit(model.id()));
        return views.of(model);
    }

    /**
     * Stores the model with a reference to its rows, storing rows given inline first unless the same rows are
     * stored already, then runs {@code then} with the id of its rows (it queues the job, or records how it ended),
     * all in one transaction (a full queue keeps nothing); what the rows add to the store is bounded by their
     * float64 size.
     */
    private void store(Model model, TrainingInputs.Resolved resolved, Runnable guard, Consumer<String> then) {
        RowSet rows = resolved.rows();
        long rowBytes = resolved.rowSetId() != null ? 0
                : (long) rows.rows() * (rows.featureCount() + rows.targetCount()) * Double.BYTES;
        storage.admit(model.storedBytes() + rowBytes, () -> transaction.executeWithoutResult(status -> {
            guard.run();
            if (resolved.rowSetId() != null && !rowStore.hold(resolved.rowSetId())) {
                throw Problems.exception(HttpStatus.CONFLICT, "rows-deleted", "Rows deleted meanwhile", "The data "
                        + "set was deleted, with its rows, while the request was being accepted.");
            }
            quotas.admitModel();
            String rowSetId = resolved.rowSetId() != null ? resolved.rowSetId() : rowStore.store(rows).id();
            aggregates.insert(model);
            aggregates.insert(new ModelDataset(model.id(), rowSetId, resolved.start()));
            audit.record("model.create", "model/" + model.id());
            then.accept(rowSetId);
        }));
        MDC.put("modelId", model.id());
        log.info("Accepted model {} ({} parameters, {} rows, {} epochs{})", model.id(),
                model.spec().network().parameterCount(), rows.rows(), model.spec().training().epochs(),
                model.searchId() == null ? "" : ", trial " + model.trial() + " of search " + model.searchId());
    }
}
