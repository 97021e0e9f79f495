package io.backprop.network;

/**
 * Rules beside L2 that keep a network from fitting its training rows too closely or to one class.
 * <ul>
 * <li>{@code l1} λ₁ ≥ 0: the cost gains λ₁·Σ|w| over the weights (not the biases); its gradient adds λ₁·sign(w),
 * 0 at w = 0, so weights are pushed to exactly zero.</li>
 * <li>{@code maxNorm} c (null: off): after every step, each unit whose incoming weights w (not its bias) have
 * ‖w‖₂ &gt; c has them scaled to c·w/‖w‖₂ (Srivastava et al. 2014; H2O's {@code max_w2} bounds ‖w‖₂², so
 * max_w2 = c²).</li>
 * <li>{@code classWeights} (null: all 1): for one-hot targets, one weight per output; for a single 0/1 output,
 * the weights of 0 and 1. Each row's loss, and so its gradient, is multiplied by its class's weight; the cost
 * stays a mean over the rows, (1/m)·Σ wᵢ·Lᵢ.</li>
 * </ul>
 */
public record Regularisation(double l1, Double maxNorm, double[] classWeights) {

    public static final Bound L1 = Bound.NOT_NEGATIVE;
    public static final Bound MAX_NORM = Bound.POSITIVE;
    public static final Bound CLASS_WEIGHT = Bound.POSITIVE;

    /** After the bounds: its construction checks them. */
    public static final Regularisation NONE = new Regularisation(0, null, null);

    public Regularisation {
        L1.require("l1", l1);
        if (maxNorm != null) {
            MAX_NORM.require("maxNorm", maxNorm);
        }
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (double weight : classWeights) {
                CLASS_WEIGHT.require("a class weight", weight);
            }
        }
    }

    public Regularisation withClassWeights(double[] weights) {
        return new Regularisation(l1, maxNorm, weights);
    }

    /** The class weights' count a network of {@code outputs} outputs needs: one per class. */
    static int classes(int outputs) {
        return outputs == 1 ? 2 : outputs;
    }
}
