package io.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** What {@code POST /models} takes: the examples, the network, and how to train it. */
@Schema(description = "A training request: the data set, the architecture and the training settings")
public record TrainingRequest(
        @Schema(description = "A name to recognise the model by", example = "xor", maxLength = 200) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) DatasetInput dataset,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Architecture architecture,
        @Schema(description = "Training settings; every one has a default") TrainingSettings training) {
}
