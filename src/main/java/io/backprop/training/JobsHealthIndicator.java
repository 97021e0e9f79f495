package io.backprop.training;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The job engine's part of /actuator/health ("jobs"): up while this replica picks and runs jobs, with its name,
 * its training threads and the jobs it runs now. Not part of readiness: a replica that runs no jobs still answers
 * predictions, and the jobs it accepts wait in the database for another replica.
 */
@Component
class JobsHealthIndicator implements HealthIndicator {

    private final TrainingQueue queue;
    private final JobProperties properties;

    JobsHealthIndicator(TrainingQueue queue, JobProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public Health health() {
        return (queue.picking() ? Health.up() : Health.down()).withDetail("replica", queue.replica())
                .withDetail("threads", properties.threads()).withDetail("runningHere", queue.runningHere()).build();
    }
}
