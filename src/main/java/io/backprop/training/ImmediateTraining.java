package io.backprop.training;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.backprop.network.Checkpoint;

/**
 * Jobs small enough to train at once, on the thread that accepted them, with no queue and no job engine: the model
 * is stored once, as it ended. A tiny job through the queue cost four commits (accepted, picked, running, ended) and
 * several reads, twenty times its training (XOR for 500 epochs: 0.3 ms of training in about 7 ms of a core). Such
 * jobs take one of as many places as there are training threads, waiting a moment for one; a request that gets
 * none in time is queued as any other.
 */
@Component
public class ImmediateTraining {

    /** How long a request waits for a place before its job is queued instead (a job that fits takes a few ms). */
    private static final long PLACE_WAIT_MILLIS = 50;

    private final JobProperties properties;
    private final TrainingEvents events;
    private final TrainingMetrics metrics;
    private final Clock clock;
    private final Semaphore places;

    ImmediateTraining(JobProperties properties, TrainingEvents events, TrainingMetrics metrics, Clock clock) {
        this.properties = properties;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.places = new Semaphore(properties.threads(), true);
    }

    /**
     * Whether a job of this work ({@code flops} as the cost ceiling counts them, {@code steps} batches in all, folds
     * included) trains at once.
     */
    public boolean suits(double flops, long steps) {
        return flops <= properties.atOnceMaxFlops() && steps <= properties.atOnceMaxSteps();
    }

    /**
     * Trains the job on this thread, with the same controls as a queued job (its time limit, divergence), and says
     * how it ended; empty when no place freed within the wait, and the job should be queued.
     */
    public Optional<JobEnd> train(TrainingJob job) {
        try {
            if (!places.tryAcquire(PLACE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            Recorded recorded = new Recorded(job);
            new TrainingRun(job.modelId(), recorded, () -> { }, events, properties, metrics).run();
            return Optional.of(recorded.end);
        }
        finally {
            places.release();
        }
    }

    /** The journal of a job not stored yet: it hands the job over, and keeps how it ended. */
    private final class Recorded implements RunJournal {

        private final TrainingJob job;
        private Instant started;
        private JobEnd end;

        Recorded(TrainingJob job) {
            this.job = job;
        }

        @Override
        public Optional<TrainingJob> started(String modelId) {
            started = clock.instant();
            return Optional.of(job);
        }

        @Override
        public void progressed(String modelId, int epochs, double cost) {
            // nobody can see the model before it is stored
        }

        @Override
        public void checkpointed(String modelId, Checkpoint checkpoint, List<CurvePoint> curve) {
            // a job that is lost with the process was never accepted: there is nothing to go on from
        }

        @Override
        public Control control(String modelId) {
            return Control.CONTINUE;
        }

        @Override
        public void succeeded(TrainingJob trained, JobResult result, Runnable alongside) {
            end = new JobEnd.Succeeded(started, trained, result);
        }

        @Override
        public void failed(String modelId, String message) {
            end = new JobEnd.Failed(started == null ? clock.instant() : started, message);
        }

        @Override
        public void endedElsewhere(String modelId) {
            // no other replica knows of the model
        }
    }
}
