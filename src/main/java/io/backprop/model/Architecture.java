package io.backprop.model;

import java.util.List;

import io.backprop.network.Loss;
import io.backprop.network.Precision;
import io.swagger.v3.oas.annotations.media.Schema;

/** The network: dense layers in order (the inputs are the feature columns), the loss, the precision. */
@Schema(description = "The network: its dense layers in order, the loss it minimises, the floating-point precision")
public record Architecture(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Layer> layers,
        @Schema(description = "Default squared_error; binary_cross_entropy needs a sigmoid output, "
                + "cross_entropy a softmax output") Loss loss,
        @Schema(description = "Default float64") Precision precision) {
}
