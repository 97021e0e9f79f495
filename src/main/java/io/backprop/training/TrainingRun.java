package io.backprop.training;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.backprop.network.EpochListener;
import io.backprop.network.Trainer;
import io.backprop.network.TrainingResult;

/**
 * One job on a training thread: trains, reports progress at a bounded rate, and ends the job in the journal.
 * A job stops early when it is cancelled, runs past the time limit, or the service shuts down; in the last case
 * the journal is left as it is, so that the job is run again after the restart.
 */
final class TrainingRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final TrainingTask task;
    private final TrainingJournal journal;
    private final TrainingProperties properties;
    private final LearningCurveRecorder curve;
    private volatile boolean cancelled;
    private volatile boolean shuttingDown;

    TrainingRun(TrainingTask task, TrainingJournal journal, TrainingProperties properties) {
        this.task = task;
        this.journal = journal;
        this.properties = properties;
        this.curve = new LearningCurveRecorder(task.options().epochs(), properties.curvePoints());
    }

    String modelId() {
        return task.modelId();
    }

    void cancel() {
        cancelled = true;
    }

    void shutDown() {
        shuttingDown = true;
    }

    @Override
    public void run() {
        if (cancelled || shuttingDown || !journal.started(task.modelId())) {
            return;
        }
        try {
            Deadline deadline = new Deadline(properties);
            TrainingResult result = Trainer.train(task.spec(), task.initial(), task.training(), task.validation(),
                    task.options(), listener(deadline));
            if (cancelled || shuttingDown) {
                return;
            }
            if (deadline.passed) {
                journal.failed(task.modelId(), "training stopped after " + result.epochs() + " of "
                        + task.options().epochs() + " epochs: it exceeded the server's time limit of "
                        + properties.maxDuration().toSeconds() + " s; try fewer epochs or a smaller network");
                return;
            }
            journal.succeeded(task, new TrainingOutcome(result.parameters(), result.epochs(), curve.points(),
                    result.bestEpoch(), result.stoppedEarly()));
        }
        catch (RuntimeException e) {
            log.error("Training model {} failed", task.modelId(), e);
            journal.failed(task.modelId(), "training failed: " + e.getMessage());
        }
    }

    private EpochListener listener(Deadline deadline) {
        return (epoch, cost, validationCost) -> {
            curve.record(epoch, cost, validationCost);
            long now = System.nanoTime();
            if (now >= deadline.nextReport) {
                journal.progressed(task.modelId(), epoch + 1, cost);
                deadline.nextReport = now + properties.progressInterval().toNanos();
            }
            deadline.passed = now > deadline.end;
            return !cancelled && !shuttingDown && !deadline.passed;
        };
    }

    /** The curve so far, for clients that look while the job runs. */
    List<CurvePoint> curveSoFar() {
        return curve.points();
    }

    /** Wall-clock bookkeeping of a run: when it must end, when progress is next written. */
    private static final class Deadline {

        final long end;
        long nextReport;
        boolean passed;

        Deadline(TrainingProperties properties) {
            long start = System.nanoTime();
            this.end = start + properties.maxDuration().toNanos();
            this.nextReport = start + properties.progressInterval().toNanos();
        }
    }
}
