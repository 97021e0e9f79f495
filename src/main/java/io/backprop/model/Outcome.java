package io.backprop.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** How training ended: epochs run and, with early stopping, the best epoch and whether patience ran out. */
@Schema(description = "How training ended; with early stopping the parameters kept are those of bestEpoch")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(@Schema(description = "Epochs run") int epochs,
        @Schema(description = "With early stopping: the epoch whose parameters were kept") Integer bestEpoch,
        @Schema(description = "True when early stopping ended training before the planned epochs")
        boolean stoppedEarly) {
}
