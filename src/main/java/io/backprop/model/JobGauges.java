package io.backprop.model;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Jobs by status across all replicas, read from the database at each scrape:
 * {@code backprop_jobs{status="queued"}} is the queue's depth, {@code status="running"} the jobs training.
 */
@Component
class JobGauges implements MeterBinder {

    private final ModelRepository models;

    JobGauges(ModelRepository models) {
        this.models = models;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ModelStatus status : new ModelStatus[] {ModelStatus.QUEUED, ModelStatus.RUNNING}) {
            Gauge.builder("backprop.jobs", models, repository -> repository.countByStatus(status))
                    .description("Jobs queued or running, on all replicas").tag("status", status.name().toLowerCase())
                    .register(registry);
        }
    }
}
