package io.backprop.prediction;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import io.swagger.v3.oas.annotations.media.Schema;

/** A trained model's weights and biases as clients see them: the project's own record, mapped from the engine's. */
@Schema(description = "The trained weights and biases per layer; weights are units × inputs")
public record TrainedParameters(List<Layer> layers) {

    /** One layer: weights[j][i] connects input i to unit j; biases one per unit, or null without bias. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Layer(double[][] weights, double[] biases) {
    }

    static TrainedParameters of(Parameters parameters) {
        return new TrainedParameters(parameters.layers().stream()
                .map((LayerParameters layer) -> new Layer(layer.weights(), layer.biases())).toList());
    }
}
