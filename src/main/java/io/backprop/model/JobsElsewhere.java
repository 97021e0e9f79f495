package io.backprop.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.backprop.training.JobProperties;
import io.backprop.training.ProgressEvent;
import io.backprop.training.TrainingEvents;
import io.backprop.training.TrainingQueue;

/**
 * Events of jobs that train on another replica, for the clients following them here: the models they follow are
 * read from the database together, once a follow interval, and each change is sent as the job's own replica
 * would send it (a status when it starts, progress as epochs complete, the end).
 */
@Component
class JobsElsewhere implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobsElsewhere.class);

    private final TrainingEvents events;
    private final TrainingQueue queue;
    private final ModelRepository models;
    private final ModelViews views;
    private final ModelJournal journal;
    private final JobProperties properties;
    /** What was last sent of each model followed here: its status and epoch. */
    private final Map<String, String> sent = new HashMap<>();
    private volatile ScheduledExecutorService reader;

    JobsElsewhere(TrainingEvents events, TrainingQueue queue, ModelRepository models, ModelViews views,
            ModelJournal journal, JobProperties properties) {
        this.events = events;
        this.queue = queue;
        this.models = models;
        this.views = views;
        this.journal = journal;
        this.properties = properties;
    }

    /** On the reader thread: one query for every model followed here whose job does not train here. */
    private void read() {
        try {
            Set<String> followed = events.followed();
            sent.keySet().retainAll(followed);
            Set<String> elsewhere = followed.stream().filter(id -> !queue.runsHere(id))
                    .collect(Collectors.toSet());
            if (elsewhere.isEmpty()) {
                return;
            }
            Map<String, Model> found = new HashMap<>();
            models.findAllById(elsewhere).forEach(model -> found.put(model.id(), model));
            for (String id : elsewhere) {
                send(id, found.get(id));
            }
        }
        catch (RuntimeException e) {
            log.warn("Reading the progress of jobs on other replicas failed; trying again", e);
        }
    }

    private void send(String id, Model model) {
        if (model == null) {
            events.finish(id, Map.of("id", id, "deleted", true));
            return;
        }
        if (model.status() != ModelStatus.QUEUED && model.status() != ModelStatus.RUNNING) {
            journal.announceEnd(id);
            return;
        }
        String state = model.status() + ":" + model.epoch();
        String before = sent.put(id, state);
        if (state.equals(before)) {
            return;
        }
        ModelView view = views.of(model);
        if (before == null || !before.startsWith(model.status() + ":")) {
            events.publish(id, "status", view);
        }
        else if (model.cost() != null) {
            ModelView.Progress progress = view.progress();
            events.publish(id, "progress", new ProgressEvent(progress.epoch(), progress.epochs(), progress.cost(),
                    null, progress.elapsedSeconds() == null ? 0 : progress.elapsedSeconds(), progress.etaSeconds()));
        }
    }

    @Override
    public void start() {
        reader = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("jobs-elsewhere-"));
        long every = properties.followInterval().toMillis();
        reader.scheduleWithFixedDelay(this::read, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        reader.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return reader != null && !reader.isShutdown();
    }
}
