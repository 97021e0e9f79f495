package io.backprop.training;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events for clients following jobs: any number of listeners per model (up to a bound in all),
 * fed from one sender thread so that a slow client never slows a training thread. A listener is forgotten as
 * soon as its stream ends or its client goes away, and nothing is sent to it afterwards: an end announced
 * while a new listener reads the state must not reach it twice.
 */
@Component
public class TrainingEvents implements DisposableBean {

    /** How long a client may follow one job before the stream is closed; it may reconnect. */
    static final Duration STREAM_TIMEOUT = Duration.ofHours(1);

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxListeners;
    // progress is sent again a moment later, so under pressure the oldest events are dropped
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), new CustomizableThreadFactory("events-"),
            new ThreadPoolExecutor.DiscardOldestPolicy());

    TrainingEvents(TrainingProperties properties) {
        this.maxListeners = properties.maxListeners();
    }

    /** What a new listener is told first: the model's current state, and whether it has already ended. */
    public record Snapshot(Object state, boolean ended) {
    }

    /**
     * Follows a model's events: {@code snapshot} is read and sent first, as the "state" event (and at once
     * "end" if the model has ended), then everything published after it, in order.
     *
     * @throws ErrorResponseException (429) when as many clients listen as allowed
     */
    public SseEmitter follow(String modelId, Supplier<Snapshot> snapshot) {
        if (count.incrementAndGet() > maxListeners) {
            count.decrementAndGet();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "As many clients as allowed (" + maxListeners + ") are following training events; try later.");
            problem.setType(URI.create("/problems/too-many-listeners"));
            problem.setTitle("Too many listeners");
            throw new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Runnable forget = () -> forget(modelId, emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
        // registering and reading the state on the sender thread puts every later event behind the state
        sender.execute(() -> {
            listeners.compute(modelId, (id, list) -> {
                List<SseEmitter> targets = list != null ? list : new CopyOnWriteArrayList<>();
                targets.add(emitter);
                return targets;
            });
            Snapshot now = snapshot.get();
            deliver(modelId, emitter, "state", now.state());
            if (now.ended()) {
                end(modelId, emitter, now.state());
            }
        });
        return emitter;
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

    /** On the sender thread: the last event, then the stream closes. */
    private void end(String modelId, SseEmitter emitter, Object data) {
        deliver(modelId, emitter, "end", data);
        if (forget(modelId, emitter)) {
            emitter.complete();
        }
    }

    /** On the sender thread, to a listener that is still following. */
    private void deliver(String modelId, SseEmitter emitter, String name, Object data) {
        if (!listeners.getOrDefault(modelId, List.of()).contains(emitter)) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        }
        catch (IOException | IllegalStateException gone) {
            // the client left or the stream timed out; the container ends the request (see ResponseBodyEmitter#send)
            forget(modelId, emitter);
        }
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
        }
        return removed[0];
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
