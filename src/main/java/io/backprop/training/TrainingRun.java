package io.backprop.training;

import io.backprop.metrics.Evaluation;
import io.backprop.metrics.CrossValidationReport;
import java.util.ArrayList;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.backprop.metrics.Metrics;
import io.backprop.network.Checkpoint;
import io.backprop.network.EpochListener;
import io.backprop.network.Parameters;
import io.backprop.network.Trainer;
import io.backprop.network.TrainingDivergedException;
import io.backprop.network.TrainingResult;

/**
 * One job on a training thread: trains, reports progress at bounded rates (to the database and to clients
 * following it), and ends the job in the journal. A job ends early when it is cancelled, stopped (it then keeps
 * its parameters), runs past its time limit, diverges, or the service shuts down; in the last case the journal
 * is left as it is, and the job is handed back to run again, from its last checkpoint (kept at the end of an
 * epoch, at most once a checkpoint interval). Cancel, stop and the time limit are checked between
 * batches, so they take effect within a batch, not at the end of a long epoch; a cancel, delete or stop asked on
 * another replica is read from the journal at most once a progress interval.
 */
final class TrainingRun implements Runnable {

    /** How long training runs, at most, between offers of its core to another thread. */
    private static final long YIELD_NANOS = 200_000;

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final Duration HAND_BACK_WAIT = Duration.ofSeconds(10);

    private final String modelId;
    private final RunJournal journal;
    /** Ends the job engine's record of the job, in the transaction that stores its success. */
    private final Runnable endExecution;
    private volatile boolean executionEnded;
    private final TrainingEvents events;
    private final JobProperties properties;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile LearningCurveRecorder curve;
    private volatile boolean cancelled;
    private volatile boolean stopRequested;
    private volatile boolean shuttingDown;
    /** When a job stopping with the service stops waiting for the end of its epoch to keep a checkpoint. */
    private volatile long handBackBy;
    private volatile boolean checkpointedToHandBack;
    private volatile boolean handedBack;
    private volatile boolean endedElsewhere;

    private final TrainingMetrics metrics;
    /** The job, once it trains: its rows' transform, for looking at the parameters as they are. */
    private volatile TrainingJob job;
    /** A look at the parameters asked for, answered at the end of the next epoch (shared by all who ask). */
    private final AtomicReference<CompletableFuture<Parameters>> look = new AtomicReference<>();
    /** Epochs this run trained (a resumed job's earlier epochs not counted), on the training thread. */
    private int epochsTrained;

    TrainingRun(String modelId, RunJournal journal, Runnable endExecution, TrainingEvents events,
            JobProperties properties, TrainingMetrics metrics) {
        this.modelId = modelId;
        this.journal = journal;
        this.endExecution = endExecution;
        this.events = events;
        this.properties = properties;
        this.metrics = metrics;
    }

    String modelId() {
        return modelId;
    }

    void cancel() {
        cancelled = true;
    }

    /** Asks the job to end within a batch, keeping its parameters; returns whether it ended within the wait. */
    boolean stop(Duration wait) throws InterruptedException {
        stopRequested = true;
        return done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the job to keep a checkpoint at the end of its epoch and stop, to be handed back; an epoch that does not
     * end within {@link #HAND_BACK_WAIT} is cut short, and the job goes on from its checkpoint before.
     */
    void shutDown() {
        handBackBy = System.nanoTime() + HAND_BACK_WAIT.toNanos();
        shuttingDown = true;
    }

    /** Whether the job engine's record of the job ended with its stored success (one commit instead of two). */
    boolean executionEnded() {
        return executionEnded;
    }

    /** Whether the job stopped because the service shut down, and must run again. */
    boolean handedBack() {
        return handedBack;
    }

    @Override
    public void run() {
        // every line logged while this job trains names it
        MDC.put("modelId", modelId);
        MDC.put("job", "training:" + modelId);
        try {
            handedBack = shuttingDown;
            if (!ending()) {
                journal.started(modelId).ifPresent(job -> {
                    log.info("Training model {}: {} epochs{}", modelId, job.options().epochs(),
                            job.resume() == null ? "" : ", going on from a checkpoint");
                    long started = System.nanoTime();
                    String outcome = train(job);
                    Duration trained = Duration.ofNanos(System.nanoTime() - started);
                    metrics.ended(outcome, trained, epochsTrained);
                    log.info("Training model {} ended: {} after {} epochs in {} ms", modelId, outcome, epochsTrained,
                            trained.toMillis());
                });
            }
        }
        catch (RuntimeException e) {
            log.error("Training model {} could not start", modelId, e);
            journal.failed(modelId, "training could not start: " + describe(e));
        }
        finally {
            MDC.remove("modelId");
            MDC.remove("job");
            done.countDown();
        }
    }

    private boolean ending() {
        return cancelled || endedElsewhere || handedBack;
    }

    /** The parameters at the end of the next epoch, if one ends within {@code wait}. */
    Optional<TrainingQueue.Live> live(Duration wait) {
        TrainingJob training = job;
        if (training == null) {
            return Optional.empty();
        }
        CompletableFuture<Parameters> asked = look.updateAndGet(pending -> pending != null ? pending
                : new CompletableFuture<>());
        try {
            return Optional.of(new TrainingQueue.Live(training.spec(), training.transform(),
                    asked.get(wait.toMillis(), TimeUnit.MILLISECONDS)));
        }
        catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Trains the job and stores how it ended; returns that outcome, for the metrics. */
    private String train(TrainingJob job) {
        this.job = job;
        curve = new LearningCurveRecorder(job.options().epochs(), properties.curvePoints());
        if (job.resume() != null) {
            curve.restore(job.resume().curve());
        }
        Clock clock = new Clock(timeLimit(job), properties);
        try {
            TrainingResult result = Trainer.resume(job.spec(), job.initial(),
                    job.resume() == null ? null : job.resume().checkpoint(), job.training(), job.validation(),
                    job.options().withMaxWeight(properties.maxWeight()), listener(job, clock));
            if (endedElsewhere) {
                journal.endedElsewhere(modelId);
            }
            if (ending()) {
                return cancelled ? "cancelled" : handedBack ? "handed-back" : "ended-elsewhere";
            }
            if (clock.timedOut) {
                journal.failed(modelId, "training stopped after " + result.epochs() + " of "
                        + job.options().epochs() + " epochs: it ran past its time limit of "
                        + timeLimit(job).toSeconds() + " s; ask for fewer epochs or a longer training.maxSeconds "
                        + "(this server allows up to " + properties.maxDuration().toSeconds() + " s)");
                return "timed-out";
            }
            Metrics metrics = job.metrics(result.parameters());
            if (job.folds() != null) {
                CrossValidationReport report = crossValidate(job, clock);
                if (report == null && !stopRequested) {
                    return endedDuringCrossValidation(job);
                }
                // a stop keeps the model trained; only its cross-validation is left out
                metrics = metrics.withCrossValidation(report);
            }
            // the curve ends on the parameters kept, so that its last point agrees with the metrics and the progress
            double penalty = result.parameters().weightPenalty(job.options().regularisation().l1(),
                    job.options().l2());
            curve.record(result.epochs(), metrics.training().cost() + penalty, metrics.validation() == null
                    ? Double.NaN : metrics.validation().cost() + penalty);
            journal.succeeded(job, new JobResult(result.parameters(), metrics, result.epochs(), curve.points(),
                    result.bestEpoch(), result.stoppedEarly(), stopRequested, result.sparseInput()), endExecution);
            executionEnded = true;
            return "succeeded";
        }
        catch (TrainingDivergedException e) {
            journal.failed(modelId, e.getMessage() + " with learningRate " + shown(job.options().learningRate())
                    + "; try a smaller learning rate");
            return "diverged";
        }
        catch (OutOfMemoryError e) {
            journal.failed(modelId, "training ran out of memory; try a smaller training.batchSize or network");
            return "out-of-memory";
        }
        catch (RuntimeException e) {
            log.error("Training model {} failed", modelId, e);
            journal.failed(modelId, "training failed: " + describe(e) + "; the error has been logged");
            return "failed";
        }
    }

    /**
     * Trains once per fold, from the job's initial parameters with its options, and measures each on its fold;
     * null when the job was ended meanwhile (cancelled, stopped, out of time, handed back). The folds run after
     * the model's own training, so that a job resumed from a checkpoint needs nothing of them kept.
     */
    private CrossValidationReport crossValidate(TrainingJob job, Clock clock) {
        List<Evaluation> folds = new ArrayList<>();
        EpochListener listener = foldListener(clock);
        for (TrainingJob.Fold fold : job.folds()) {
            log.info("Training model {}: cross-validation fold {} of {}", modelId, folds.size() + 1,
                    job.folds().size());
            TrainingResult trained = Trainer.train(job.spec(), job.initial(), fold.training(), fold.validation(),
                    job.options().withMaxWeight(properties.maxWeight()), listener);
            if (ending() || stopRequested || clock.timedOut) {
                return null;
            }
            folds.add(job.foldMetrics(fold, trained.parameters()));
        }
        return CrossValidationReport.of(folds);
    }

    /** How a job ended between its folds: like any other ending, or failed when its time ran out. */
    private String endedDuringCrossValidation(TrainingJob job) {
        if (endedElsewhere) {
            journal.endedElsewhere(modelId);
        }
        if (ending()) {
            return cancelled ? "cancelled" : handedBack ? "handed-back" : "ended-elsewhere";
        }
        journal.failed(modelId, "training ran past its time limit of " + timeLimit(job).toSeconds() + " s during "
                + "cross-validation, after the model's own training; ask for fewer folds or epochs, or a longer "
                + "training.maxSeconds");
        return "timed-out";
    }

    /** The exception's message, or its kind when it has none: a reader should never see "null". */
    private static String describe(RuntimeException e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "an internal error (" + e.getClass().getSimpleName() + ")";
    }

    private Duration timeLimit(TrainingJob job) {
        Duration requested = job.timeLimit();
        return requested == null || requested.compareTo(properties.maxDuration()) > 0 ? properties.maxDuration()
                : requested;
    }

    private EpochListener listener(TrainingJob job, Clock clock) {
        int epochs = job.options().epochs();
        return new EpochListener() {

            @Override
            public boolean onEpoch(int epoch, double cost, double validationCost) {
                curve.record(epoch, cost, validationCost);
                epochsTrained++;
                long now = System.nanoTime();
                if (now >= clock.nextReport) {
                    journal.progressed(modelId, epoch + 1, cost);
                    clock.nextReport = now + properties.progressInterval().toNanos();
                }
                if (now >= clock.nextEvent && events.hasListeners(modelId)) {
                    double elapsed = (now - clock.start) / 1e9;
                    // at the pace so far, but never past the time limit
                    Double eta = Math.min(epoch + 1 < epochs ? elapsed / (epoch + 1) * (epochs - epoch - 1) : 0.0,
                            Math.max(0, (clock.end - now) / 1e9));
                    events.publish(modelId, "progress", new ProgressEvent(epoch + 1, epochs, cost,
                            Double.isNaN(validationCost) ? null : validationCost, elapsed, eta));
                    clock.nextEvent = now + properties.eventInterval().toNanos();
                }
                return !interrupted();
            }

            @Override
            public boolean wantsParameters() {
                return look.get() != null;
            }

            @Override
            public void onParameters(Parameters parameters) {
                CompletableFuture<Parameters> asked = look.getAndSet(null);
                if (asked != null) {
                    asked.complete(parameters);
                }
            }

            @Override
            public boolean wantsCheckpoint() {
                return shuttingDown || System.nanoTime() >= clock.nextCheckpoint;
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                journal.checkpointed(modelId, checkpoint, curve.points());
                clock.nextCheckpoint = System.nanoTime() + properties.checkpointInterval().toNanos();
                checkpointedToHandBack = shuttingDown;
            }

            @Override
            public boolean interrupted() {
                return TrainingRun.this.interrupted(clock);
            }
        };
    }

    /** A fold's training heeds the job's controls and time limit, and reports nothing. */
    private EpochListener foldListener(Clock clock) {
        return new EpochListener() {

            @Override
            public boolean onEpoch(int epoch, double cost, double validationCost) {
                return !interrupted();
            }

            @Override
            public boolean interrupted() {
                return TrainingRun.this.interrupted(clock);
            }
        };
    }

    /** Whether the job must end now: cancelled, stopped, out of time, or handed back (checks the journal at times). */
    private boolean interrupted(Clock clock) {
        long now = yieldAtTimes(clock);
        clock.timedOut = now > clock.end;
        if (now >= clock.nextControl) {
            clock.nextControl = now + properties.progressInterval().toNanos();
            RunJournal.Control control = journal.control(modelId);
            stopRequested |= control == RunJournal.Control.STOP;
            endedElsewhere |= control == RunJournal.Control.END;
        }
        handedBack |= shuttingDown && (checkpointedToHandBack || now > handBackBy);
        return ending() || stopRequested || clock.timedOut;
    }

    /**
     * Offers the core to a waiting thread every {@link #YIELD_NANOS} (between batches): the Linux scheduler lets a
     * running thread finish its slice, however low its priority, before a request thread woken on that core runs,
     * and with both cores training one request in ten waited 1–3 ms for a slice to end (predictions' p90 under two
     * W4 jobs: 2–3 ms without yielding, 0.3 ms with, idle 0.3 ms). A yield with nothing waiting costs a system
     * call, under 1% at this interval.
     *
     * @return the time now
     */
    private static long yieldAtTimes(Clock clock) {
        long now = System.nanoTime();
        if (now >= clock.nextYield) {
            Thread.yield();
            now = System.nanoTime();
            clock.nextYield = now + YIELD_NANOS;
        }
        return now;
    }

    /** The curve so far, for clients that look while the job runs. */
    Optional<List<CurvePoint>> curveSoFar() {
        return Optional.ofNullable(curve).map(LearningCurveRecorder::points);
    }

    /** Wall-clock bookkeeping of a run: when it started and must end, when progress is next reported. */
    private static final class Clock {

        final long start = System.nanoTime();
        final long end;
        long nextReport;
        long nextEvent;
        long nextControl;
        long nextCheckpoint;
        long nextYield;
        boolean timedOut;

        Clock(Duration limit, JobProperties properties) {
            this.end = start + limit.toNanos();
            this.nextReport = start + properties.progressInterval().toNanos();
            this.nextEvent = start;
            this.nextControl = start + properties.progressInterval().toNanos();
            this.nextCheckpoint = start + properties.checkpointInterval().toNanos();
        }
    }

    /** A rate as written, 1000000000 rather than 1.0E9; past 15 digits either side of the point, 1E+308. */
    private static String shown(double rate) {
        BigDecimal exact = BigDecimal.valueOf(rate).stripTrailingZeros();
        return Math.abs(exact.precision() - exact.scale()) <= 15 ? exact.toPlainString() : exact.toString();
    }
}
