package io.backprop.network;

import java.util.List;
import java.util.Objects;

/** A feed-forward network: its number of inputs, its dense layers in order, the loss it trains on, its precision. */
public record NetworkSpec(int inputs, List<LayerSpec> layers, Loss loss, Precision precision) {

    /** Dropout thins what a layer hands on; the output layer hands its values to the loss, which must see all. */
    public static final String OUTPUT_DROPOUT = "the output layer cannot have dropout (it applies to hidden layers)";

    public NetworkSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs at least 1 input, got " + inputs);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(precision, "precision");
        Activation output = layers.get(layers.size() - 1).activation();
        if (loss.requiredOutput() != null && loss.requiredOutput() != output) {
            throw new IllegalArgumentException("loss " + loss + " needs a " + loss.requiredOutput()
                    + " output layer, got " + output);
        }
        if (layers.get(layers.size() - 1).dropout() > 0) {
            throw new IllegalArgumentException(OUTPUT_DROPOUT);
        }
        for (int l = 0; l < layers.size(); l++) {
            checkExplicitShapes(l, layers.get(l), l == 0 ? inputs : layers.get(l - 1).units());
        }
    }

    /** A float64 network. */
    public NetworkSpec(int inputs, List<LayerSpec> layers, Loss loss) {
        this(inputs, layers, loss, Precision.FLOAT64);
    }

    /** Number of outputs of layer {@code l}'s predecessor: the network's inputs for the first layer. */
    public int inputsOf(int l) {
        return l == 0 ? inputs : layers.get(l - 1).units();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    /** Trainable numbers: every weight and every bias. */
    public long parameterCount() {
        long count = 0;
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            count += (long) layer.units() * inputsOf(l) + (layer.bias() ? layer.units() : 0);
        }
        return count;
    }

    private static void checkExplicitShapes(int l, LayerSpec layer, int inputs) {
        double[][] weights = layer.weights();
        if (weights != null) {
            boolean rectangular = weights.length == layer.units();
            for (double[] row : weights) {
                rectangular &= row != null && row.length == inputs;
            }
            if (!rectangular) {
                throw new IllegalArgumentException("layer " + l + ": weights must be " + layer.units() + " × "
                        + inputs + " (units × inputs), got " + Shapes.describe(weights));
            }
        }
        if (layer.biases() != null && layer.biases().length != layer.units()) {
            throw new IllegalArgumentException("layer " + l + ": biases must have " + layer.units()
                    + " values (one per unit), got " + layer.biases().length);
        }
    }
}
