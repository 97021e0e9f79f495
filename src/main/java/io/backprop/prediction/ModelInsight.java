package io.backprop.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import io.backprop.network.Trace;
import io.backprop.preprocessing.FittedScaling;
import io.backprop.preprocessing.RowTransform;
import io.backprop.training.TrainingQueue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a trained model computes, opened up: the trace of a pass (inputs as the network sees them, per layer Z,
 * A and, against targets, dZ, dW, db and the cost), each output's sensitivity to each raw input, and a gradient
 * check of backpropagation against central differences.
 */
final class ModelInsight {

    /** The step of the central differences: small against the parameters, large against float64's rounding. */
    private static final double STEP = 1e-5;

    private ModelInsight() {
    }

    @Schema(description = "One pass, step by step: rows as examples")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TraceView(@Schema(description = "The rows as the network sees them: crossed and scaled") double[][] inputs,
            List<LayerTrace> layers,
            @Schema(description = "With targets: the cost of the pass") Double cost) {
    }

    @Schema(description = "A layer: Z = A_prev·Wᵀ + b and A = g(Z) per row; with targets dZ per row, and dW "
            + "(units × inputs, like W) and db averaged over the rows as the cost is")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LayerTrace(double[][] z, double[][] a, double[][] dz, double[][] dw, double[] db) {
    }

    @Schema(description = "Per row, per output, per raw input feature: ∂output/∂input")
    record Sensitivity(double[][][] gradients) {
    }

    @Schema(description = "Per layer, the relative error ‖backprop − numeric‖ / (‖backprop‖ + ‖numeric‖) of the "
            + "cost's gradient with respect to the weights and to the biases (null for a layer without)")
    record GradientCheck(List<LayerCheck> layers) {
    }

    record LayerCheck(double weights, Double biases) {
    }

    @Schema(description = "Each unit's activation over a grid of the two raw inputs (rows: ys, columns: xs), layer "
            + "by layer, with the weights that feed each layer (units × inputs)")
    record HiddenUnits(List<String> features, double[] xs, double[] ys, List<LayerUnits> layers) {
    }

    record LayerUnits(String activation, double[][] weights, double[] biases,
            @Schema(description = "Per unit, its activation: ys × xs") double[][][] units) {
    }

    static TraceView trace(TrainedModel model, double[][] rawFeatures, double[][] networkTargets) {
        double[][] inputs = model.transform().inputs(rawFeatures);
        Trace trace = new Trace(model.spec().network(), model.parameters());
        List<Trace.Layer> layers = networkTargets == null ? trace.forward(inputs) : trace.backward(inputs,
                networkTargets);
        Double cost = networkTargets == null ? null : trace.cost(layers, networkTargets);
        return new TraceView(inputs, layers.stream().map(l -> new LayerTrace(l.z(), l.a(), l.dz(), l.dw(), l.db()))
                .toList(), cost);
    }

    /**
     * ∂output/∂raw input: the network's input gradients, through the scaling and the crosses, and out through the
     * targets' scaling for regression.
     */
    static Sensitivity sensitivity(TrainedModel model, double[][] rawFeatures) {
        RowTransform transform = model.transform();
        double[][] inputs = transform.inputs(rawFeatures);
        double[][][] network = new Trace(model.spec().network(), model.parameters()).inputGradients(inputs);
        double[] divisors = transform.features().divisors();
        List<String> names = transform.featureNames();
        List<List<String>> crosses = transform.featureCrosses();
        FittedScaling targets = model.classifier() ? null : transform.targets();
        double[] outputDivisors = targets == null ? null : targets.divisors();
        int raw = names.size();
        double[][][] gradients = new double[rawFeatures.length][][];
        for (int i = 0; i < rawFeatures.length; i++) {
            double[] x = rawFeatures[i];
            gradients[i] = new double[network[i].length][raw];
            for (int k = 0; k < network[i].length; k++) {
                double[] g = network[i][k];
                double[] into = gradients[i][k];
                for (int c = 0; c < g.length; c++) {
                    double through = g[c] / divisors[c];
                    if (c < raw) {
                        into[c] += through;
                    }
                    else {
                        List<String> cross = crosses.get(c - raw);
                        for (int t = 0; t < cross.size(); t++) {
                            double others = 1;
                            for (int u = 0; u < cross.size(); u++) {
                                others *= u == t ? 1 : x[names.indexOf(cross.get(u))];
                            }
                            into[names.indexOf(cross.get(t))] += through * others;
                        }
                    }
                }
                if (outputDivisors != null) {
                    for (int j = 0; j < raw; j++) {
                        into[j] *= outputDivisors[k];
                    }
                }
            }
        }
        return new Sensitivity(gradients);
    }

    static HiddenUnits hiddenUnits(TrainingQueue.Live network, List<String> features, double[] xs, double[] ys) {
        double[][] grid = new double[xs.length * ys.length][];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                grid[i * xs.length + j] = new double[] {xs[j], ys[i]};
            }
        }
        List<Trace.Layer> forward = new Trace(network.spec(), network.parameters())
                .forward(network.transform().inputs(grid));
        List<LayerUnits> layers = new ArrayList<>();
        for (int l = 0; l < forward.size(); l++) {
            double[][] a = forward.get(l).a();
            double[][][] units = new double[a[0].length][ys.length][xs.length];
            for (int cell = 0; cell < a.length; cell++) {
                for (int u = 0; u < units.length; u++) {
                    units[u][cell / xs.length][cell % xs.length] = a[cell][u];
                }
            }
            LayerParameters p = network.parameters().layers().get(l);
            layers.add(new LayerUnits(network.spec().layers().get(l).activation().toString(), p.weights(),
                    p.biases(), units));
        }
        return new HiddenUnits(features, xs, ys, layers);
    }

    /** Backpropagation's gradients of the cost against central differences, parameter by parameter. */
    static GradientCheck gradientCheck(TrainedModel model, double[][] inputs, double[][] networkTargets) {
        Parameters parameters = copy(model.parameters());
        Trace trace = new Trace(model.spec().network(), parameters);
        List<Trace.Layer> backprop = trace.backward(inputs, networkTargets);
        List<LayerCheck> layers = new ArrayList<>();
        for (int l = 0; l < parameters.layers().size(); l++) {
            LayerParameters p = parameters.layers().get(l);
            double[][] numericW = new double[p.units()][p.inputs()];
            double[] numericB = p.biases() == null ? null : new double[p.units()];
            for (int j = 0; j < p.units(); j++) {
                for (int k = 0; k < p.inputs(); k++) {
                    numericW[j][k] = slope(trace, inputs, networkTargets, p.weights()[j], k);
                }
                if (numericB != null) {
                    numericB[j] = slope(trace, inputs, networkTargets, p.biases(), j);
                }
            }
            Trace.Layer analytic = backprop.get(l);
            layers.add(new LayerCheck(relativeError(flat(analytic.dw()), flat(numericW)),
                    numericB == null ? null : relativeError(analytic.db(), numericB)));
        }
        return new GradientCheck(layers);
    }

    /** (C(θ + h) − C(θ − h)) / 2h for the parameter {@code values[index]}, left as it was. */
    private static double slope(Trace trace, double[][] inputs, double[][] targets, double[] values, int index) {
        double kept = values[index];
        values[index] = kept + STEP;
        double up = trace.cost(trace.forward(inputs), targets);
        values[index] = kept - STEP;
        double down = trace.cost(trace.forward(inputs), targets);
        values[index] = kept;
        return (up - down) / (2 * STEP);
    }

    private static double relativeError(double[] a, double[] b) {
        double difference = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        double scale = Math.sqrt(normA) + Math.sqrt(normB);
        return scale == 0 ? 0 : Math.sqrt(difference) / scale;
    }

    private static double[] flat(double[][] matrix) {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray();
    }

    private static Parameters copy(Parameters parameters) {
        return new Parameters(parameters.layers().stream().map(p -> new LayerParameters(
                Arrays.stream(p.weights()).map(double[]::clone).toArray(double[][]::new),
                p.biases() == null ? null : p.biases().clone())).toList());
    }
}
