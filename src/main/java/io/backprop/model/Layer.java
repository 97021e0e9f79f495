package io.backprop.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.Activation;
import io.backprop.network.WeightInit;
import io.swagger.v3.oas.annotations.media.Schema;

/** One dense layer; explicit initial weights are units × inputs (weights[j][i] connects input i to unit j). */
@Schema(description = "A dense layer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Layer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "3") Integer units,
        @Schema(description = "Default sigmoid") Activation activation,
        @Schema(description = "Random initial weights: plain (gaussian × 0.01, the default), xavier or he") WeightInit init,
        @Schema(description = "Whether the layer has a bias (starting at zero); default true") Boolean bias,
        @Schema(description = "Explicit initial weights, units × inputs: weights[j][i] connects input i to unit j")
        double[][] weights,
        @Schema(description = "Explicit initial biases, one per unit") double[] biases) {
}
