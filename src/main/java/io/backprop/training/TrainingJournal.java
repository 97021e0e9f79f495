package io.backprop.training;

import java.util.List;

/**
 * Where jobs record their lifecycle, and what the queue asks of it across replicas: stop requests and the jobs
 * that wait.
 */
public interface TrainingJournal extends RunJournal {

    /** Asks the job of a RUNNING model, wherever it runs, to stop; false when the model is not RUNNING. */
    boolean requestStop(String modelId);

    /** How many models wait for their job to start, across every replica. */
    int queued();

    /** The models of jobs accepted but not finished (QUEUED or RUNNING), oldest first. */
    List<String> unfinished();
}
