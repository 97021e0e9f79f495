package io.backprop.model.spec;

import io.backprop.dataset.DatasetInput;
import io.swagger.v3.oas.annotations.media.Schema;

/** What {@code POST /models} takes: the examples (or a stored data set's id), the network, how to train it. */
@Schema(description = "A training request: the data (inline or a stored data set's id), optional preprocessing, "
        + "the architecture and the training settings")
public record TrainingRequest(
        @Schema(description = "A name to recognise the model by", example = "xor", maxLength = 200) String name,
        @Schema(description = "The examples; or give datasetId") DatasetInput dataset,
        @Schema(description = "Instead of dataset: the id of a data set stored by POST /datasets") String datasetId,
        @Schema(description = "How raw rows become the network's inputs and targets; stored with the model and "
                + "applied to every prediction") Preprocessing preprocessing,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Architecture architecture,
        @Schema(description = "Training settings; every one has a default") Training training,
        @Schema(description = "Continue training: start from this SUCCEEDED model's trained parameters instead of "
                + "random ones (the architecture must be the same)") String initFrom) {
}
