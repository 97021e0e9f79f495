package io.backprop.model;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A model as clients see it. */
@Schema(description = "A model: its status and progress, its full spec, and once trained its metrics")
public record ModelView(
        String id,
        String name,
        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") ModelStatus status,
        @Schema(description = "classification when the targets are class indicators, otherwise regression") Task task,
        Progress progress,
        ModelSpec spec,
        @Schema(description = "Set once training succeeded") Metrics metrics,
        @Schema(description = "Why training failed, for FAILED models") String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** Epochs completed of those planned, and the latest training cost. */
    @Schema(description = "Epochs completed of those planned, and the latest cost")
    public record Progress(int epoch, int epochs, Double cost) {
    }
}
