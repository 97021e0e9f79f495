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

    /** Σ w² over every weight (not the biases): what L2 weight decay penalises. */
    public double sumOfSquaredWeights() {
        double sum = 0;
        for (LayerParameters layer : layers) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    sum += w * w;
                }
            }
        }
        return sum;
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
