package io.backprop.network;

/**
 * A dense layer's numbers: weights units × inputs ({@code weights[j][i]} connects input i to unit j) and biases,
 * one per unit, or null for a layer without bias.
 */
public record LayerParameters(double[][] weights, double[] biases) {

    public int units() {
        return weights.length;
    }

    public int inputs() {
        return weights.length == 0 ? 0 : weights[0].length;
    }
}
