package io.backprop.search;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.access.ApiKeys;
import io.backprop.access.AuditTrail;
import io.backprop.access.Caller;
import io.backprop.access.Role;
import io.backprop.model.ModelCreation;
import io.backprop.model.ModelService;
import io.backprop.model.ModelStateException;
import io.backprop.training.TrainingEvents;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives running searches, on every replica, a few times a second: ends a search whose goal is reached, whose
 * time is spent or whose trials are all done (cancelling what still trains), and otherwise starts its next
 * trials, as the key that started it, up to its parallel bound. A trial is stored under the search's row lock,
 * after counting the trials still training, so that replicas advancing the same search never start one trial
 * twice nor more than the bound; a full queue or quota just waits for the next round. Clients following a
 * search on this replica get its view whenever it changes, and its end. A search whose key is revoked ends.
 */
@Component
class SearchRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchRunner.class);
    static final String EVENTS = "search:";

    private final SearchRepository searches;
    private final SearchService service;
    private final ModelCreation creation;
    private final ModelService models;
    private final TrainingEvents events;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditTrail audit;
    private final ApiKeys keys;
    /** The last view sent to this replica's followers of each search, as JSON. */
    private final Map<String, String> sent = new ConcurrentHashMap<>();

    SearchRunner(SearchRepository searches, SearchService service, ModelCreation creation, ModelService models,
            TrainingEvents events, JsonMapper json, Clock clock, AuditTrail audit, ApiKeys keys) {
        this.searches = searches;
        this.service = service;
        this.creation = creation;
        this.models = models;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
        this.keys = keys;
    }

    /** A trial the search's state does not let start now (its bound is reached, or it ended meanwhile). */
    private static final class NotNow extends RuntimeException {

        NotNow() {
            super(null, null, false, false);
        }
    }

    @Scheduled(fixedDelayString = "${backprop.search.sweep-interval:500ms}")
    void sweep() {
        for (String id : searches.running()) {
            try {
                advance(id);
            }
            catch (RuntimeException e) {
                log.error("Search {} could not be advanced", id, e);
            }
        }
        java.util.Set<String> followed = events.followed();
        // the last views sent to followers who have left are forgotten with them
        sent.keySet().retainAll(followed);
        followed.stream().filter(key -> key.startsWith(EVENTS)).forEach(this::inform);
    }

    /** One step of a running search, as the key that started it. */
    void advance(String id) {
        searches.findById(id).filter(search -> !search.status().ended())
                .ifPresent(search -> caller(search).runAs(() -> step(search)));
    }

    private static Caller caller(ModelSearch search) {
        return new Caller(search.keyId(), search.owner(), Role.valueOf(search.role()));
    }

    private void step(ModelSearch search) {
        if (keys.revoked(search.keyId())) {
            end(search, SearchStatus.CANCELLED, "the key that started it was revoked");
            return;
        }
        SearchView view = service.view(search, false);
        SearchView.Trial best = view.best();
        int started = (int) view.trials().stream().filter(trial -> trial.modelId() != null).count();
        if (best != null && SearchService.reaches(search, best.metric())) {
            end(search, SearchStatus.SUCCEEDED, "goal " + search.request().objective().goal() + " reached by trial "
                    + best.trial() + " (" + search.request().objective().metric() + " = " + best.metric() + ")");
        }
        else if (clock.instant().isAfter(search.createdAt().plus(SearchService.timeBudget(search)))) {
            end(search, SearchStatus.SUCCEEDED, "time budget of " + search.request().budget().maxSeconds()
                    + " s spent after " + view.progress().done() + " of " + view.progress().total() + " trials");
        }
        else if (started == view.progress().total() && view.progress().active() == 0) {
            end(search, SearchStatus.SUCCEEDED, "all " + view.progress().total() + " trials ended" + (best == null
                    ? "; none succeeded" : "; the best is trial " + best.trial()));
        }
        else {
            start(search, view);
        }
    }

    /** Starts pending trials while the search's parallel bound allows. */
    private void start(ModelSearch search, SearchView view) {
        int parallel = search.request().budget().parallel();
        int active = view.progress().active();
        for (SearchView.Trial trial : view.trials()) {
            if (trial.modelId() != null) {
                continue;
            }
            if (active >= parallel) {
                return;
            }
            try {
                ModelCreation.Admitted admitted = creation.admit(service.trialRequest(search.request(),
                        trial.settings()));
                creation.submitTrial(admitted, search.id(), trial.trial(), () -> {
                    if (searches.lockIfRunning(search.id()).isEmpty()
                            || models.activeTrials(search.id()) >= parallel) {
                        throw new NotNow();
                    }
                });
            }
            catch (NotNow | DataIntegrityViolationException e) {
                return;
            }
            catch (ErrorResponseException e) {
                if (e.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()
                        || e.getStatusCode().is5xxServerError()) {
                    return;
                }
                end(search, SearchStatus.FAILED, "trial " + trial.trial() + " could not be started: "
                        + e.getBody().getDetail());
                return;
            }
            active++;
        }
    }

    /** Cancels a search on request. */
    void cancel(ModelSearch search) {
        if (end(search, SearchStatus.CANCELLED, "cancelled on request")) {
            audit.record("search.cancel", "search/" + search.id());
        }
    }

    /**
     * Deletes a search and its trials (cancelling it first if it runs); trials registered in the registry stay,
     * as ordinary models.
     */
    void delete(ModelSearch search) {
        end(search, SearchStatus.CANCELLED, "deleted");
        models.deleteTrials(search.id());
        searches.deleteById(search.id());
        audit.record("search.delete", "search/" + search.id());
    }

    /** Ends the search and cancels its trials still queued or training; false when it had ended already. */
    boolean end(ModelSearch search, SearchStatus status, String outcome) {
        if (!searches.end(search.id(), status, outcome, clock.instant())) {
            return false;
        }
        log.info("Search {} ended {}: {}", search.id(), status, outcome);
        for (SearchView.Trial trial : service.view(search, false).trials()) {
            if ("QUEUED".equals(trial.status()) || "RUNNING".equals(trial.status())) {
                try {
                    models.cancel(trial.modelId());
                }
                catch (ModelStateException ended) {
                    // it ended by itself meanwhile
                }
            }
        }
        return true;
    }

    /** Sends a followed search's view when it changed, and its end. */
    private void inform(String key) {
        String id = key.substring(EVENTS.length());
        searches.findById(id).ifPresentOrElse(search -> {
            SearchView view = service.view(search, false);
            String now = json.writeValueAsString(view);
            if (search.status().ended()) {
                events.finish(key, view);
                sent.remove(key);
            }
            else if (!now.equals(sent.put(key, now))) {
                events.publish(key, "progress", view);
            }
        }, () -> sent.remove(key));
    }
}
