package io.backprop.training;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/** Which replica runs a job, as the job engine records it. */
@Component
public class JobWorkers {

    private final JdbcTemplate jdbc;

    JobWorkers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A replica running a job, and when it last reported the job alive. */
    @Schema(description = "While a job runs: the replica running it, and when that replica last reported it alive")
    public record Worker(String replica, Instant lastHeartbeat) {
    }

    /** The replica running the model's job; empty unless one does. */
    public Optional<Worker> of(String modelId) {
        return jdbc.query("SELECT picked_by, last_heartbeat FROM scheduled_tasks WHERE task_name = ? "
                + "AND task_instance = ? AND picked = ?", rows -> rows.next() ? Optional.of(new Worker(
                        rows.getString(1), Optional.ofNullable(rows.getTimestamp(2)).map(Timestamp::toInstant)
                                .orElse(null))) : Optional.<Worker>empty(), TrainingQueue.TASK, modelId, true);
    }
}
