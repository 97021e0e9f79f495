package io.backprop.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** All of a network's weights and biases, layer by layer, as plain numbers. */
public record Parameters(List<LayerParameters> layers) {

    public Parameters {
        layers = List.copyOf(layers);
    }

    /**
     * The starting point of training: explicit weights and biases where the spec gives them, otherwise weights
     * drawn by each layer's {@link WeightInit} from a generator seeded with {@code seed}, and zero biases.
     */
    public static Parameters initial(NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerSpec layer = spec.layers().get(l);
            double[][] weights = layer.weights() != null ? deepCopy(layer.weights())
                    : layer.init().sample(layer.units(), spec.inputsOf(l), random);
            double[] biases = !layer.bias() ? null
                    : layer.biases() != null ? layer.biases().clone() : new double[layer.units()];
            layers.add(new LayerParameters(weights, biases));
        }
        return new Parameters(layers);
    }

    /** The penalty λ₁·Σ|w| + (λ₂/2)·Σw² over every weight (not the biases) that L1 and L2 add to the cost. */
    public double weightPenalty(double l1, double l2) {
        double penalty = 0;
        for (LayerParameters layer : layers) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    penalty += l1 * Math.abs(w) + l2 / 2 * w * w;
                }
            }
        }
        return penalty;
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
