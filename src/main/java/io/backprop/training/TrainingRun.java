package io.backprop.training;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.backprop.network.EpochListener;
import io.backprop.network.Trainer;
import io.backprop.network.TrainingDivergedException;
import io.backprop.network.TrainingResult;

/**
 * One job on a training thread: trains, reports progress at bounded rates (to the database and to clients
 * following it), and ends the job in the journal. A job ends early when it is cancelled, stopped (it then keeps
 * its parameters), runs past its time limit, diverges, or the service shuts down; in the last case the journal
 * is left as it is, so that the job is run again after the restart.
 */
final class TrainingRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final TrainingTask task;
    private final TrainingJournal journal;
    private final TrainingEvents events;
    private final TrainingProperties properties;
    private final LearningCurveRecorder curve;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cancelled;
    private volatile boolean stopRequested;
    private volatile boolean shuttingDown;

    TrainingRun(TrainingTask task, TrainingJournal journal, TrainingEvents events, TrainingProperties properties) {
        this.task = task;
        this.journal = journal;
        this.events = events;
        this.properties = properties;
        this.curve = new LearningCurveRecorder(task.options().epochs(), properties.curvePoints());
    }

    void cancel() {
        cancelled = true;
    }

    /** Asks the job to end after the current epoch, keeping its parameters; waits a while for it to end. */
    boolean stop(Duration wait) throws InterruptedException {
        stopRequested = true;
        return done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void shutDown() {
        shuttingDown = true;
    }

    @Override
    public void run() {
        try {
            if (!cancelled && !shuttingDown && journal.started(task.modelId())) {
                train();
            }
        }
        finally {
            done.countDown();
        }
    }

    private void train() {
        Clock clock = new Clock(timeLimit(), properties);
        try {
            TrainingResult result = Trainer.train(task.spec(), task.initial(), task.training(), task.validation(),
                    task.options().withMaxWeight(properties.maxWeight()), listener(clock));
            if (cancelled || shuttingDown) {
                return;
            }
            if (clock.timedOut) {
                journal.failed(task.modelId(), "training stopped after " + result.epochs() + " of "
                        + task.options().epochs() + " epochs: it ran past its time limit of " + timeLimit().toSeconds()
                        + " s; ask for fewer epochs or a longer training.maxSeconds (this server allows up to "
                        + properties.maxDuration().toSeconds() + " s)");
                return;
            }
            journal.succeeded(task, new TrainingOutcome(result.parameters(), result.epochs(), curve.points(),
                    result.bestEpoch(), result.stoppedEarly(), stopRequested));
        }
        catch (TrainingDivergedException e) {
            journal.failed(task.modelId(), e.getMessage() + " with learningRate "
                    + BigDecimal.valueOf(task.options().learningRate()).stripTrailingZeros().toPlainString()
                    + "; try a smaller learning rate");
        }
        catch (RuntimeException e) {
            log.error("Training model {} failed", task.modelId(), e);
            journal.failed(task.modelId(), "training failed: " + e.getMessage());
        }
    }

    private Duration timeLimit() {
        Duration requested = task.timeLimit();
        return requested == null || requested.compareTo(properties.maxDuration()) > 0 ? properties.maxDuration()
                : requested;
    }

    private EpochListener listener(Clock clock) {
        int epochs = task.options().epochs();
        return (epoch, cost, validationCost) -> {
            curve.record(epoch, cost, validationCost);
            long now = System.nanoTime();
            if (now >= clock.nextReport) {
                journal.progressed(task.modelId(), epoch + 1, cost);
                clock.nextReport = now + properties.progressInterval().toNanos();
            }
            if (now >= clock.nextEvent && events.hasListeners(task.modelId())) {
                double elapsed = (now - clock.start) / 1e9;
                Double eta = epoch + 1 < epochs ? elapsed / (epoch + 1) * (epochs - epoch - 1) : 0.0;
                events.publish(task.modelId(), "progress", new ProgressEvent(epoch + 1, epochs, cost,
                        Double.isNaN(validationCost) ? null : validationCost, elapsed, eta));
                clock.nextEvent = now + properties.eventInterval().toNanos();
            }
            clock.timedOut = now > clock.end;
            return !cancelled && !stopRequested && !shuttingDown && !clock.timedOut;
        };
    }

    /** The curve so far, for clients that look while the job runs. */
    List<CurvePoint> curveSoFar() {
        return curve.points();
    }

    /** Wall-clock bookkeeping of a run: when it started and must end, when progress is next reported. */
    private static final class Clock {

        final long start = System.nanoTime();
        final long end;
        long nextReport;
        long nextEvent;
        boolean timedOut;

        Clock(Duration limit, TrainingProperties properties) {
            this.end = start + limit.toNanos();
            this.nextReport = start + properties.progressInterval().toNanos();
            this.nextEvent = start;
        }
    }
}
