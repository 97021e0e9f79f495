package io.backprop.training;

import java.util.List;
import java.util.Optional;

/**
 * Where jobs record their lifecycle. The model side implements it on its database, which is what makes a job's
 * state outlive the process; each call moves a model only from the state it expects to be in, so a late report
 * from a job that was cancelled or deleted changes nothing.
 */
public interface TrainingJournal {

    /**
     * QUEUED → RUNNING, and the job to run, read from the database only now so that a job holds no rows while
     * it waits; empty when the model is no longer queued (cancelled or deleted meanwhile).
     */
    Optional<TrainingJob> started(String modelId);

    /** A running job's progress: epochs completed and the latest cost. */
    void progressed(String modelId, int epochs, double cost);

    /** RUNNING → SUCCEEDED, with the trained parameters and learning curve stored. */
    void succeeded(TrainingJob job, JobResult result);

    /** RUNNING → FAILED, with a message a person can act on. */
    void failed(String modelId, String message);

    /** The models of jobs accepted but not finished (QUEUED or RUNNING), oldest first, reset to QUEUED. */
    List<String> unfinished();
}
