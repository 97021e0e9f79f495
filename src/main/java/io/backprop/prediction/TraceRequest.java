package io.backprop.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** Rows to look inside the model with: raw features, and for a trace optionally their targets in raw units. */
record TraceRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[[0,0],[0,1],[1,0],[1,1]]") double[][] features,
        @Schema(description = "Trace only: the targets, as the network's outputs encode them (classes as 0/1 or "
                + "one-hot), regression targets in their raw units", example = "[[0],[1],[1],[1]]") double[][] targets) {
}
