package io.backprop.training;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Runs training jobs on a fixed number of threads with a bounded number waiting. A job takes its slot when it is
 * admitted and gives it back when it ends, or at once when it is cancelled while still waiting. The jobs' state
 * lives in the {@link TrainingJournal}; this class only holds the jobs of this process, to run, cancel or watch
 * them.
 */
@Service
public class TrainingQueue implements DisposableBean {

    private final TrainingJournal journal;
    private final TrainingEvents events;
    private final JobProperties properties;
    private final ThreadPoolExecutor executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();

    TrainingQueue(TrainingJournal journal, TrainingEvents events, JobProperties properties) {
        this.journal = journal;
        this.events = events;
        this.properties = properties;
        // below requests: on a JVM started with -XX:ThreadPriorityPolicy=1 (the run command, the image) that is
        // nice 4, and a prediction waits less for a core (measured with two W4 jobs training: p99 10.7 ms → 8.2 ms,
        // idle 4.8 ms); without the flag Java ignores thread priorities
        CustomizableThreadFactory trainers = new CustomizableThreadFactory("training-");
        trainers.setThreadPriority(Thread.MIN_PRIORITY);
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), trainers);
    }

    /**
     * Queues the job of a new model.
     *
     * @throws QueueFullException when every thread is busy and the queue is at capacity
     */
    public void submit(String modelId) {
        int limit = properties.threads() + properties.queueCapacity();
        if (admitted.incrementAndGet() > limit) {
            admitted.decrementAndGet();
            throw new QueueFullException(properties.queueCapacity(), properties.retryAfter());
        }
        start(modelId);
    }

    /** Queues jobs that were accepted before a restart; they were admitted once and are not turned away. */
    void resume(List<String> modelIds) {
        for (String modelId : modelIds) {
            admitted.incrementAndGet();
            start(modelId);
        }
    }

    private void start(String modelId) {
        Job job = new Job(new TrainingRun(modelId, journal, events, properties));
        jobs.put(modelId, job);
        executor.execute(job);
    }

    /**
     * Stops the job of this model if it is queued or training here; the caller records the cancellation. A job
     * still waiting leaves the queue at once, freeing its place.
     */
    public void cancel(String modelId) {
        Job job = jobs.get(modelId);
        if (job != null) {
            job.run.cancel();
            if (executor.remove(job)) {
                job.release();
            }
        }
    }

    /** What became of a stop request. */
    public enum Stop {
        /** No job of the model runs here. */
        NOT_HERE,
        /** The job ended (stored as it stopped, or ended otherwise first: the journal says which). */
        ENDED,
        /** The job was asked to end and has not yet, within the wait. */
        ENDING
    }

    /**
     * Ends the job of this model within a batch, keeping its parameters, and waits up to {@code wait} for it to
     * end.
     */
    public Stop stop(String modelId, Duration wait) {
        Job job = jobs.get(modelId);
        if (job == null) {
            return Stop.NOT_HERE;
        }
        try {
            return job.run.stop(wait) ? Stop.ENDED : Stop.ENDING;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Stop.ENDING;
        }
    }

    /** The learning curve so far of a job training in this process. */
    public Optional<List<CurvePoint>> liveCurve(String modelId) {
        return Optional.ofNullable(jobs.get(modelId)).flatMap(job -> job.run.curveSoFar());
    }

    /** Stops the jobs without ending them in the journal, so that they run again after the restart. */
    @Override
    public void destroy() throws InterruptedException {
        jobs.values().forEach(job -> job.run.shutDown());
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** A run holding a place in the queue until it ends or leaves the queue. */
    private final class Job implements Runnable {

        private final TrainingRun run;

        Job(TrainingRun run) {
            this.run = run;
        }

        @Override
        public void run() {
            try {
                run.run();
            }
            finally {
                release();
            }
        }

        void release() {
            jobs.remove(run.modelId(), this);
            admitted.decrementAndGet();
        }
    }
}
