package io.backprop.training;

import java.time.Instant;

/** How a job trained at once ended, held until its model is stored with it: when it started, and its outcome. */
public sealed interface JobEnd {

    Instant started();

    /** It trained: the job and what it produced, as a queued job hands them to the journal. */
    record Succeeded(Instant started, TrainingJob job, JobResult result) implements JobEnd {
    }

    /** It failed (diverged, out of time or memory), with a message a person can act on. */
    record Failed(Instant started, String message) implements JobEnd {
    }
}
