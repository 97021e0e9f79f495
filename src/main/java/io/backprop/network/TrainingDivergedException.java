package io.backprop.network;

/**
 * Training stopped because the numbers blew up: the cost or a parameter became NaN or infinite, or a weight
 * grew beyond the allowed magnitude. No parameters come out of a diverged training.
 */
public class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final double cost;

    TrainingDivergedException(int epoch, double cost, String what) {
        super("training diverged at epoch " + epoch + " (" + what + ")");
        this.epoch = epoch;
        this.cost = cost;
    }

    public int epoch() {
        return epoch;
    }

    public double cost() {
        return cost;
    }
}
