package io.backprop.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.training.JobResult;
import io.backprop.training.TrainingJob;
import io.swagger.v3.oas.annotations.media.Schema;

/** How training ended: epochs run, why it ended, and with early stopping the epoch whose parameters were kept. */
@Schema(description = "How training ended; with early stopping the parameters kept are those of bestEpoch")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(@Schema(description = "Epochs run") int epochs,
        @Schema(description = "With early stopping: the epoch whose parameters were kept") Integer bestEpoch,
        @Schema(description = "completed, early_stopped, or stopped (on request)") Ending ending,
        String message) {

    public enum Ending {
        COMPLETED, EARLY_STOPPED, STOPPED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the job ended, in the words of its own settings. */
    static Outcome of(JobResult outcome, TrainingJob job) {
        int epochs = outcome.epochs();
        int planned = job.options().epochs();
        String kept = (outcome.bestEpoch() == null || outcome.bestEpoch() == epochs - 1 ? ""
                : "; kept the parameters of epoch " + outcome.bestEpoch() + ", the best") + crossValidation(outcome, job);
        if (outcome.stoppedOnRequest()) {
            return new Outcome(epochs, outcome.bestEpoch(), Ending.STOPPED, "training was stopped on request after "
                    + epochs + " of " + planned + " epochs" + kept);
        }
        if (outcome.stoppedEarly()) {
            String monitored = job.validation() != null ? "validation" : "training";
            return new Outcome(epochs, outcome.bestEpoch(), Ending.EARLY_STOPPED, "stopped early after " + epochs
                    + " of " + planned + " epochs: the " + monitored + " cost had not improved for "
                    + job.options().earlyStopping().patience() + " epochs" + kept);
        }
        return new Outcome(epochs, outcome.bestEpoch(), Ending.COMPLETED, "trained all " + epochs + " epochs" + kept);
    }

    private static String crossValidation(JobResult outcome, TrainingJob job) {
        if (job.folds() == null) {
            return "";
        }
        String trained = "; this model trained on all " + job.training().rows() + " rows";
        return outcome.metrics().crossValidation() == null ? trained + "; its cross-validation was stopped"
                : trained + "; " + job.folds().size() + "-fold cross-validation in metrics.crossValidation";
    }
}
