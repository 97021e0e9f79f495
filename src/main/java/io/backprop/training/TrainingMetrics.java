package io.backprop.training;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What jobs did on this replica: how they ended ({@code backprop_jobs_ended_total{outcome}}), how long they
 * trained ({@code backprop_training_duration_seconds}), how fast ({@code backprop_training_epochs_per_second}),
 * and how often training diverged ({@code backprop_training_divergences_total}).
 */
@Component
class TrainingMetrics {

    private final MeterRegistry registry;
    private final Timer duration;
    private final DistributionSummary pace;
    private final Counter divergences;

    TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("backprop.training.duration").description("Time a job trained")
                .publishPercentileHistogram().register(registry);
        this.pace = DistributionSummary.builder("backprop.training.epochs.per.second")
                .description("Epochs trained per second, per job").publishPercentileHistogram().register(registry);
        this.divergences = Counter.builder("backprop.training.divergences")
                .description("Jobs whose cost or parameters stopped being finite").register(registry);
    }

    /** A job that ran here ended: succeeded, failed, diverged, timed-out, cancelled or handed-back. */
    void ended(String outcome, Duration trained, int epochs) {
        Counter.builder("backprop.jobs.ended").description("Jobs that ended on this replica, by outcome")
                .tag("outcome", outcome).register(registry).increment();
        duration.record(trained);
        if (epochs > 0 && !trained.isZero()) {
            pace.record(epochs / (trained.toNanos() / 1e9));
        }
        if (outcome.equals("diverged")) {
            divergences.increment();
        }
    }
}
