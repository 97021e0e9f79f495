package io.backprop.network;

/**
 * How to train: {@code epochs} passes over the examples with gradient-descent steps of {@code learningRate};
 * {@code batchSize} rows per step (null: the whole set, the tutorials' full-batch descent), the rows reshuffled
 * every epoch when {@code shuffle} is on, by a generator seeded with {@code seed}; optionally
 * {@code earlyStopping}.
 */
public record TrainingOptions(int epochs, double learningRate, Integer batchSize, boolean shuffle, long seed,
        EarlyStopping earlyStopping) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive finite number, got " + learningRate);
        }
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }

    /** Without early stopping. */
    public TrainingOptions(int epochs, double learningRate, Integer batchSize, boolean shuffle, long seed) {
        this(epochs, learningRate, batchSize, shuffle, seed, null);
    }

    /** Full-batch gradient descent. */
    public static TrainingOptions fullBatch(int epochs, double learningRate) {
        return new TrainingOptions(epochs, learningRate, null, false, 0);
    }

    /** Rows per step for a set of {@code rows} examples. */
    int batchRows(int rows) {
        return batchSize == null ? rows : Math.min(batchSize, rows);
    }
}
