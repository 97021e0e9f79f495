package io.backprop.network;

import java.util.Locale;
import java.util.Random;

/**
 * How a layer's initial weights are drawn: gaussian samples scaled to keep early activations in range.
 * <ul>
 * <li>{@code PLAIN}: N(0,1)·0.01, the tutorial's small random weights.</li>
 * <li>{@code XAVIER}: N(0,1)·√(2/(inputs+units)), Glorot's normal initialisation (as DL4J's XAVIER).</li>
 * <li>{@code HE}: N(0,1)·√(2/inputs), for ReLU layers.</li>
 * </ul>
 */
public enum WeightInit {
    PLAIN, XAVIER, HE;

    /** The name clients use: lower case, as in the API. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Draws a units × inputs weight matrix (row j holds the weights into unit j). */
    public double[][] sample(int units, int inputs, Random random) {
        double scale = switch (this) {
            case PLAIN -> 0.01;
            case XAVIER -> Math.sqrt(2.0 / (inputs + units));
            case HE -> Math.sqrt(2.0 / inputs);
        };
        double[][] weights = new double[units][inputs];
        for (double[] row : weights) {
            for (int i = 0; i < inputs; i++) {
                row[i] = random.nextGaussian() * scale;
            }
        }
        return weights;
    }
}
