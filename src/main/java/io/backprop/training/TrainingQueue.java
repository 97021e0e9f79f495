package io.backprop.training;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Runs training jobs on a fixed number of threads with a bounded number waiting. The jobs' state lives in the
 * {@link TrainingJournal}; this class only holds the jobs of this process, to run, cancel or watch them.
 */
@Service
public class TrainingQueue implements DisposableBean {

    private final TrainingJournal journal;
    private final TrainingEvents events;
    private final TrainingProperties properties;
    private final ExecutorService executor;
    private final Map<String, TrainingRun> runs = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();

    TrainingQueue(TrainingJournal journal, TrainingEvents events, TrainingProperties properties) {
        this.journal = journal;
        this.events = events;
        this.properties = properties;
        this.executor = Executors.newFixedThreadPool(properties.threads(), new CustomizableThreadFactory("training-"));
    }

    /**
     * Queues a new job.
     *
     * @throws QueueFullException when every thread is busy and the queue is at capacity
     */
    public void submit(TrainingTask task) {
        int limit = properties.threads() + properties.queueCapacity();
        if (admitted.incrementAndGet() > limit) {
            admitted.decrementAndGet();
            throw new QueueFullException(properties.queueCapacity(), properties.retryAfter());
        }
        start(task);
    }

    /** Queues jobs that were accepted before a restart; they were admitted once and are not turned away. */
    void resume(List<TrainingTask> tasks) {
        for (TrainingTask task : tasks) {
            admitted.incrementAndGet();
            start(task);
        }
    }

    private void start(TrainingTask task) {
        TrainingRun run = new TrainingRun(task, journal, events, properties);
        runs.put(task.modelId(), run);
        executor.execute(() -> {
            try {
                run.run();
            }
            finally {
                runs.remove(task.modelId(), run);
                admitted.decrementAndGet();
            }
        });
    }

    /** Stops the job of this model if it is queued or training here; the caller records the cancellation. */
    public void cancel(String modelId) {
        TrainingRun run = runs.get(modelId);
        if (run != null) {
            run.cancel();
        }
    }

    /**
     * Ends the job of this model after its current epoch, keeping its parameters, and waits up to
     * {@code wait} for it to be stored. Returns false if no job of this model runs here.
     */
    public boolean stop(String modelId, Duration wait) {
        TrainingRun run = runs.get(modelId);
        if (run == null) {
            return false;
        }
        try {
            run.stop(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The learning curve so far of a job training in this process. */
    public Optional<List<CurvePoint>> liveCurve(String modelId) {
        return Optional.ofNullable(runs.get(modelId)).map(TrainingRun::curveSoFar);
    }

    /** Stops the jobs without ending them in the journal, so that they run again after the restart. */
    @Override
    public void destroy() throws InterruptedException {
        runs.values().forEach(TrainingRun::shutDown);
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
