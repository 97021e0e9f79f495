package io.backprop.training;

import java.util.List;
import java.util.Optional;

import io.backprop.network.Checkpoint;

/**
 * Where a job's run records its lifecycle: a queued job in the models' tables (see {@link TrainingJournal}), which
 * is what makes its state outlive the process and visible to every replica; a job trained at once in memory, until
 * its model is stored as it ended. Each call moves a model only from the state it expects to be in, so a late
 * report from a job that was cancelled or deleted changes nothing.
 */
public interface RunJournal {

    /**
     * QUEUED → RUNNING (or RUNNING again, for a job whose replica died or handed it back), counting the start,
     * and the job to run, going on from its last checkpoint if it has one, read from the database only now so
     * that a job holds no rows while it waits; empty when the model is no longer waiting or running (cancelled or
     * deleted meanwhile).
     */
    Optional<TrainingJob> started(String modelId);

    /** A running job's progress: epochs completed and the latest cost. */
    void progressed(String modelId, int epochs, double cost);

    /** Keeps a running job's checkpoint, with the learning curve up to it, in place of the one before. */
    void checkpointed(String modelId, Checkpoint checkpoint, List<CurvePoint> curve);

    /** What a running job should do, as any replica asked: go on, stop and keep its parameters, or end. */
    Control control(String modelId);

    /**
     * RUNNING → SUCCEEDED, with the trained parameters and learning curve stored; {@code alongside} runs in the
     * same transaction whether or not the model was still RUNNING (the job engine's record of the job ends with
     * it, in one commit).
     */
    void succeeded(TrainingJob job, JobResult result, Runnable alongside);

    /** RUNNING → FAILED, with a message a person can act on. */
    void failed(String modelId, String message);

    /** A job ended here because the model was cancelled or deleted elsewhere: tells the clients following it here. */
    void endedElsewhere(String modelId);

    /** What a running job is asked to do. */
    enum Control {
        CONTINUE, STOP, END
    }
}
