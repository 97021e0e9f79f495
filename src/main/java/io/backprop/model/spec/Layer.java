package io.backprop.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.Activation;
import io.backprop.network.LayerSpec;
import io.backprop.network.NetworkSpec;
import io.backprop.network.WeightInit;
import io.backprop.system.MatrixChecks;
import io.swagger.v3.oas.annotations.media.Schema;

/** One dense layer; explicit initial weights are units × inputs (weights[j][i] connects input i to unit j). */
@Schema(description = "A dense layer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Layer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "4096", example = "3")
        Integer units,
        @Schema(defaultValue = "sigmoid") Activation activation,
        @Schema(description = "Random initial weights: plain (gaussian × 0.01), xavier or he", defaultValue = "plain")
        WeightInit init,
        @Schema(description = "Whether the layer has a bias (starting at zero)", defaultValue = "true") Boolean bias,
        @Schema(description = "Explicit initial weights, units × inputs: weights[j][i] connects input i to unit j")
        double[][] weights,
        @Schema(description = "Explicit initial biases, one per unit") double[] biases,
        @Schema(description = "Dropout while training: the share of this hidden layer's outputs zeroed at each step "
                + "(inverted dropout, seeded; nothing is dropped when predicting). Not on the output layer",
                defaultValue = "0", minimum = "0", maximum = "1", exclusiveMaximum = true, example = "0.2")
        Double dropout) {

    /** Empty initial weights or biases are none given: generated clients send [] for every list left unset. */
    public Layer {
        weights = weights != null && weights.length == 0 ? null : weights;
        biases = biases != null && biases.length == 0 ? null : biases;
    }

    Layer withDefaults() {
        return new Layer(units, activation != null ? activation : Activation.SIGMOID,
                init != null ? init : WeightInit.PLAIN, bias != null ? bias : true, weights, biases,
                dropout != null && dropout == 0 ? null : dropout);
    }

    /** The weights and biases this layer adds on top of {@code inputs} inputs. */
    long parameters(int inputs) {
        return (long) units * inputs + (bias ? units : 0);
    }

    /** Reports a layer without usable units; returns whether its units are usable. */
    boolean checkUnits(Checks checks, String field) {
        if (units == null || units < 1 || units > checks.limits().maxUnits()) {
            checks.add(field + ".units", units, "must be between 1 and " + checks.limits().maxUnits());
            return false;
        }
        return true;
    }

    /** Dropout is a share below 1, and only on hidden layers. */
    void checkDropout(Checks checks, String field, boolean output) {
        checks.bound(field + ".dropout", dropout, LayerSpec.DROPOUT);
        if (output && dropout != null && dropout > 0) {
            checks.add(field + ".dropout", dropout, NetworkSpec.OUTPUT_DROPOUT);
        }
    }

    /** Explicit weights must be units × inputs and finite; explicit biases one per unit, and only with a bias. */
    void checkExplicitParameters(Checks checks, String field, int inputs) {
        if (weights != null) {
            if (weights.length != units) {
                checks.add(field + ".weights", weights.length + " rows", "must have one row per unit (" + units
                        + " × " + inputs + ", units × inputs)");
            }
            else {
                MatrixChecks.check(field + ".weights", weights, inputs, units, inputs, checks.violations());
            }
        }
        if (biases != null) {
            if (!bias) {
                checks.add(field + ".biases", biases, "must be absent when bias is false");
            }
            else if (biases.length != units) {
                checks.add(field + ".biases", biases, "must have one value per unit (" + units + ")");
            }
            MatrixChecks.checkFinite(field + ".biases", biases, checks.violations());
        }
    }

    LayerSpec spec() {
        return new LayerSpec(units, activation, init, bias, weights, biases, dropout == null ? 0 : dropout);
    }
}
