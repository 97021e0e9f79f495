package io.backprop.model;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.dataset.RowStore;
import io.backprop.training.TrainingEvents;
import io.backprop.training.TrainingQueue;

/** Models once accepted: reading and listing them, following, stopping, cancelling and deleting their training. */
@Service
public class ModelService {

    /** How long a stop request waits for the job to end and store its parameters. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final StoredModels stored;
    private final ModelRepository models;
    private final ModelResultRepository results;
    private final TrainingQueue queue;
    private final ModelViews views;
    private final ModelJournal journal;
    private final TrainingEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final RowStore rows;
    private final ModelCheckpointRepository checkpoints;
    private final AuditTrail audit;

    ModelService(StoredModels stored, ModelRepository models, ModelResultRepository results, TrainingQueue queue,
            ModelViews views, ModelJournal journal, TrainingEvents events, ApplicationEventPublisher publisher,
            Clock clock, RowStore rows, ModelCheckpointRepository checkpoints, AuditTrail audit) {
        this.stored = stored;
        this.models = models;
        this.results = results;
        this.queue = queue;
        this.views = views;
        this.journal = journal;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.audit = audit;
    }

    public ModelView get(String id) {
        return views.of(stored.find(id));
    }

    /**
     * The caller's models (an admin's: everyone's), newest first, optionally only those in one status; searches'
     * trials are listed under their search, not here.
     */
    Page<ModelView> list(ModelStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        Page<Model> found = Caller.listedOwner()
                .map(owner -> status == null ? models.findByOwnerAndSearchIdIsNull(owner, request)
                        : models.findByOwnerAndStatusAndSearchIdIsNull(owner, status, request))
                .orElseGet(() -> status == null ? models.findBySearchIdIsNull(request)
                        : models.findByStatusAndSearchIdIsNull(status, request));
        return found.map(views::of);
    }

    /**
     * Registers a search's trial, which succeeded and has no version yet, as the next version of {@code name}.
     *
     * @throws ModelStateException (409) when it has not succeeded or is registered already
     */
    public ModelView register(String id, String name) {
        Model model = stored.find(id);
        if (!journal.register(id, name)) {
            throw new ModelStateException(id, model.status(), model.version() != null ? "it is registered already, as version "
                    + model.version() + " of " + model.name() : "only a trial that succeeded can be registered");
        }
        audit.record("model.register", "model/" + id);
        return get(id);
    }

    /**
     * Deletes a search's trials, cancelling those still training, except those registered in the registry,
     * which stay as ordinary models.
     */
    public void deleteTrials(String searchId) {
        models.releaseRegisteredTrials(searchId);
        models.findBySearchIdOrderByTrial(searchId).forEach(trial -> delete(trial.id()));
    }

    /** How many of a search's trials are queued or training. */
    public int activeTrials(String searchId) {
        return models.countBySearchIdAndStatusIn(searchId, List.of(ModelStatus.QUEUED, ModelStatus.RUNNING));
    }

    /** A search's trials, in trial order (the caller has been allowed to see the search). */
    public List<ModelView> trials(String searchId) {
        return models.findBySearchIdOrderByTrial(searchId).stream().map(views::of).toList();
    }

    /** Stops a queued or running job; cancelling a cancelled model again changes nothing. */
    public ModelView cancel(String id) {
        Model model = stored.find(id);
        if (model.status() == ModelStatus.SUCCEEDED || model.status() == ModelStatus.FAILED) {
            throw new ModelStateException(id, model.status(), "only QUEUED or RUNNING jobs can be cancelled");
        }
        queue.cancel(id);
        boolean cancelled = models.markCancelled(id, clock.instant());
        Model ended = stored.find(id);
        if (!cancelled && ended.status() != ModelStatus.CANCELLED) {
            throw new ModelStateException(id, ended.status(), "it ended before the cancel took effect");
        }
        journal.cancelled(id);
        if (cancelled) {
            audit.record("model.cancel", "model/" + id);
        }
        return views.of(ended);
    }

    /**
     * Ends a running job within a batch and keeps it: the model becomes SUCCEEDED with the parameters it has (or
     * with early stopping, those of its best epoch). A cancel or delete that wins the race is reported as such.
     */
    ModelView stop(String id) {
        Model model = stored.find(id);
        TrainingQueue.Stop stop = model.status() == ModelStatus.RUNNING ? queue.stop(id, STOP_WAIT)
                : TrainingQueue.Stop.NOT_RUNNING;
        Model now = stored.find(id);
        if (stop == TrainingQueue.Stop.NOT_RUNNING) {
            throw new ModelStateException(id, now.status(), "only a RUNNING job can be stopped; cancel a QUEUED one");
        }
        if (stop == TrainingQueue.Stop.ENDED && now.status() != ModelStatus.SUCCEEDED) {
            throw new ModelStateException(id, now.status(), "a cancel, a failure or a delete ended it first");
        }
        audit.record("model.stop", "model/" + id);
        return views.of(now);
    }

    /**
     * A stream of the model's events: its current state at once, then progress and status changes while it
     * trains, and a final event when it ends, after which the stream closes.
     */
    SseEmitter events(String id) {
        stored.find(id);
        return events.follow(id, () -> models.findById(id)
                .map(model -> new TrainingEvents.Snapshot(views.of(model),
                        model.status() != ModelStatus.QUEUED && model.status() != ModelStatus.RUNNING))
                .orElseGet(() -> new TrainingEvents.Snapshot(Map.of("id", id, "deleted", true), true)));
    }

    /**
     * Removes a model with its data and results, cancelling its training first.
     *
     * @throws org.springframework.web.ErrorResponseException when something refers to it and refuses (an alias)
     */
    public void delete(String id) {
        Model model = stored.find(id);
        publisher.publishEvent(new ModelDeleting(id, model.owner(), model.name(), model.version()));
        queue.cancel(id);
        models.markCancelled(id, clock.instant());
        journal.announceEnd(id);
        models.deleteById(id);
        audit.record("model.delete", "model/" + id);
        rows.releaseUnused();
        publisher.publishEvent(new ModelDeleted(id));
    }

    /**
     * The stored curve of a finished model, the curve so far of one training here, that of its last checkpoint
     * when it trains on another replica, or an empty one.
     */
    LearningCurve learningCurve(String id) {
        stored.find(id);
        return results.findById(id).map(ModelResult::learningCurve)
                .or(() -> queue.liveCurve(id).map(LearningCurve::new))
                .or(() -> checkpoints.findById(id).map(ModelCheckpoint::curve))
                .orElseGet(() -> new LearningCurve(List.of()));
    }
}
