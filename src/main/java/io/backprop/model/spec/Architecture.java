package io.backprop.model.spec;

import java.util.List;

import io.backprop.network.Activation;
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

    Architecture withDefaults() {
        List<Layer> filled = layers == null ? null
                : layers.stream().map(layer -> layer == null ? null : layer.withDefaults()).toList();
        return new Architecture(filled, loss != null ? loss : Loss.SQUARED_ERROR,
                precision != null ? precision : Precision.FLOAT64);
    }

    /** Whether every layer has its units, so that shapes can be worked out. */
    boolean usable() {
        return layers != null && !layers.isEmpty()
                && layers.stream().allMatch(layer -> layer != null && layer.units() != null && layer.units() > 0);
    }

    Layer last() {
        return layers.get(layers.size() - 1);
    }

    Activation output() {
        return last().activation();
    }

    /** Layers, units, explicit parameters, the parameter budget, and the loss's output; {@code inputs} < 0: unknown. */
    void check(Checks checks, int inputs) {
        if (layers == null || layers.isEmpty() || layers.size() > checks.limits().maxLayers()) {
            checks.add("architecture.layers", layers == null ? null : layers.size() + " layers",
                    "must have between 1 and " + checks.limits().maxLayers() + " layers");
            return;
        }
        int previous = inputs;
        long parameters = 0;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String field = "architecture.layers[" + l + "]";
            if (layer == null) {
                checks.add(field + ".units", null, "must be between 1 and " + checks.limits().maxUnits());
                previous = -1;
                continue;
            }
            layer.checkDropout(checks, field, l == layers.size() - 1);
            if (!layer.checkUnits(checks, field)) {
                previous = -1;
                continue;
            }
            if (previous > 0) {
                layer.checkExplicitParameters(checks, field, previous);
                parameters += layer.parameters(previous);
            }
            previous = layer.units();
        }
        if (parameters > checks.limits().maxParameters()) {
            checks.add("architecture.layers", parameters + " parameters", "must have at most "
                    + checks.limits().maxParameters() + " weights and biases in all");
        }
        Activation output = last() == null ? null : last().activation();
        if (output != null && loss.requiredOutput() != null && loss.requiredOutput() != output) {
            checks.add("architecture.loss", loss, "needs a " + loss.requiredOutput() + " output layer, but the last "
                    + "layer is " + output);
        }
    }
}
