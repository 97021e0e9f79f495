package io.backprop.training;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.backprop.web.Problems;

/**
 * Server-Sent Events for clients following jobs: listeners up to a bound per model and in all, fed from one
 * sender thread so that a slow client never slows a training thread. A listener is forgotten as soon as its
 * stream ends or its client goes away, and nothing is sent to it afterwards: an end announced while a new
 * listener reads the state must not reach it twice. Streams that carry nothing (a queued model's) get a
 * heartbeat comment now and then, so that a client that left is noticed and its place freed. When the service
 * stops, every stream gets an {@code end} at once rather than holding the shutdown up.
 */
@Component
public class TrainingEvents implements SmartLifecycle {

    /** How long a client may follow one job before the stream is closed; it may reconnect. */
    static final Duration STREAM_TIMEOUT = Duration.ofHours(1);

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    /** Places taken per model, from the moment a listener is admitted until it is forgotten. */
    private final Map<String, Integer> places = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final JobProperties properties;
    /** Sends every event in turn; made when the service starts and shut down when it stops (it may restart). */
    private volatile ThreadPoolExecutor sender;
    private volatile ScheduledExecutorService heartbeat;

    TrainingEvents(JobProperties properties) {
        this.properties = properties;
    }

    /** What a new listener is told first: the model's current state, and whether it has already ended. */
    public record Snapshot(Object state, boolean ended) {
    }

    /**
     * Follows a model's events: {@code snapshot} is read and sent first, as the "state" event (and at once
     * "end" if the model has ended), then everything published after it, in order.
     *
     * @throws ErrorResponseException (429, with Retry-After) when as many clients listen as allowed, to this
     *     model or in all
     */
    public SseEmitter follow(String modelId, Supplier<Snapshot> snapshot) {
        admit(modelId);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Runnable forget = () -> forget(modelId, emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
        // registering and reading the state on the sender thread puts every later event behind the state
        sender.execute(() -> {
            listeners.computeIfAbsent(modelId, id -> new CopyOnWriteArrayList<>()).add(emitter);
            Snapshot now = snapshot.get();
            deliver(modelId, emitter, "state", now.state());
            if (now.ended()) {
                end(modelId, emitter, now.state());
            }
        });
        return emitter;
    }

    private void admit(String modelId) {
        boolean[] admitted = {false};
        if (count.incrementAndGet() <= properties.maxListeners()) {
            places.compute(modelId, (id, taken) -> {
                int now = taken == null ? 0 : taken;
                admitted[0] = now < properties.maxListenersPerModel();
                return admitted[0] ? now + 1 : taken;
            });
        }
        if (!admitted[0]) {
            count.decrementAndGet();
            ErrorResponseException refused = Problems.exception(HttpStatus.TOO_MANY_REQUESTS, "too-many-listeners",
                    "Too many listeners", "As many clients as allowed (" + properties.maxListenersPerModel()
                            + " per model, " + properties.maxListeners() + " in all) are following training "
                            + "events; try later.");
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, properties.eventHeartbeat().toSeconds())));
            throw refused;
        }
    }

    /** Sends an event to every listener of the model. */
    public void publish(String modelId, String name, Object data) {
        List<SseEmitter> targets = listeners.get(modelId);
        if (targets != null) {
            targets.forEach(emitter -> sender.execute(() -> deliver(modelId, emitter, name, data)));
        }
    }

    /** Sends the final event to every listener of the model and closes their streams. */
    public void finish(String modelId, Object data) {
        List<SseEmitter> targets = listeners.get(modelId);
        if (targets != null) {
            targets.forEach(emitter -> sender.execute(() -> end(modelId, emitter, data)));
        }
    }

    public boolean hasListeners(String modelId) {
        return listeners.containsKey(modelId);
    }

    /** The models someone follows here. */
    public Set<String> followed() {
        return Set.copyOf(listeners.keySet());
    }

    /** On the sender thread: the last event, then the stream closes. */
    private void end(String modelId, SseEmitter emitter, Object data) {
        deliver(modelId, emitter, "end", data);
        if (forget(modelId, emitter)) {
            emitter.complete();
        }
    }

    /** On the sender thread, to a listener that is still following. */
    private void deliver(String modelId, SseEmitter emitter, String name, Object data) {
        send(modelId, emitter, SseEmitter.event().name(name).data(data));
    }

    private void send(String modelId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        if (!listeners.getOrDefault(modelId, List.of()).contains(emitter)) {
            return;
        }
        try {
            emitter.send(event);
        }
        catch (IOException | IllegalStateException gone) {
            // the client left or the stream timed out; the container ends the request (see ResponseBodyEmitter#send)
            forget(modelId, emitter);
        }
    }

    /** A comment line to every listener: a write to a client that left fails, and frees its place. */
    private void beat() {
        listeners.forEach((modelId, targets) -> targets.forEach(emitter -> sender.execute(
                () -> send(modelId, emitter, SseEmitter.event().comment("")))));
    }

    /** Returns false when the listener was already forgotten. */
    private boolean forget(String modelId, SseEmitter emitter) {
        boolean[] removed = {false};
        listeners.computeIfPresent(modelId, (id, list) -> {
            removed[0] = list.remove(emitter);
            return list.isEmpty() ? null : list;
        });
        if (removed[0]) {
            count.decrementAndGet();
            places.computeIfPresent(modelId, (id, taken) -> taken > 1 ? taken - 1 : null);
        }
        return removed[0];
    }

    @Override
    public void start() {
        // progress is sent again a moment later, so under pressure the oldest events are dropped
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                new CustomizableThreadFactory("events-"), new ThreadPoolExecutor.DiscardOldestPolicy());
        heartbeat = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("events-heartbeat-"));
        long every = properties.eventHeartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends every stream (with an {@code end} saying why, so clients know to follow again after the restart)
     * before the web server waits for open requests to finish.
     */
    @Override
    public void stop() {
        heartbeat.shutdownNow();
        listeners.forEach((modelId, targets) -> targets.forEach(emitter -> sender.execute(
                () -> end(modelId, emitter, Map.of("id", modelId, "shutdown", true)))));
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return sender != null && !sender.isShutdown();
    }
}
