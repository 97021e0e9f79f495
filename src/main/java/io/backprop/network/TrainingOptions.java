package io.backprop.network;

/**
 * How to train: {@code epochs} passes over the examples, steps of {@code learningRate} (varied per epoch by
 * {@code schedule}) taken by {@code optimizer}; {@code batchSize} rows per step (null: the whole set, the
 * tutorials' full-batch descent), the rows reshuffled every epoch when {@code shuffle} is on, by a generator
 * seeded with {@code seed}; L2 weight decay {@code l2}; optionally {@code earlyStopping}. Training is declared
 * diverged when the cost or a parameter stops being finite or a parameter's magnitude exceeds {@code maxWeight}.
 * With {@code clipNorm} (null: off), gradients whose global norm exceeds it are scaled down to it before each step.
 * {@code regularisation} adds L1 to the cost and bounds each unit's incoming weights (max-norm); its class weights
 * weigh each row's loss by its class.
 */
public record TrainingOptions(int epochs, double learningRate, Integer batchSize, boolean shuffle, long seed,
        EarlyStopping earlyStopping, Optimizer optimizer, LearningRateSchedule schedule, double l2,
        double maxWeight, Double clipNorm, Regularisation regularisation) {

    public static final Bound EPOCHS = Bound.AT_LEAST_ONE;
    public static final Bound LEARNING_RATE = Bound.POSITIVE;
    public static final Bound BATCH_SIZE = Bound.AT_LEAST_ONE;
    public static final Bound L2 = Bound.NOT_NEGATIVE;
    public static final Bound CLIP_NORM = Bound.POSITIVE;

    public TrainingOptions {
        EPOCHS.require("epochs", epochs);
        LEARNING_RATE.require("learningRate", learningRate);
        if (batchSize != null) {
            BATCH_SIZE.require("batchSize", batchSize);
        }
        L2.require("l2", l2);
        if (clipNorm != null) {
            CLIP_NORM.require("clipNorm", clipNorm);
        }
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("maxWeight must be positive, got " + maxWeight);
        }
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(schedule, "schedule");
        java.util.Objects.requireNonNull(regularisation, "regularisation");
    }

    /** Plain gradient descent at a constant rate, without weight decay or early stopping. */
    public TrainingOptions(int epochs, double learningRate, Integer batchSize, boolean shuffle, long seed) {
        this(epochs, learningRate, batchSize, shuffle, seed, null, Optimizer.SGD, LearningRateSchedule.CONSTANT, 0,
                Double.POSITIVE_INFINITY, null, Regularisation.NONE);
    }

    /** Full-batch gradient descent. */
    public static TrainingOptions fullBatch(int epochs, double learningRate) {
        return new TrainingOptions(epochs, learningRate, null, false, 0);
    }

    public TrainingOptions withEarlyStopping(EarlyStopping rule) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, rule, optimizer, schedule, l2,
                maxWeight, clipNorm, regularisation);
    }

    public TrainingOptions withOptimizer(Optimizer rule) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, rule, schedule, l2,
                maxWeight, clipNorm, regularisation);
    }

    public TrainingOptions withSchedule(LearningRateSchedule rates) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, optimizer, rates,
                l2, maxWeight, clipNorm, regularisation);
    }

    public TrainingOptions withL2(double decay) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, optimizer, schedule,
                decay, maxWeight, clipNorm, regularisation);
    }

    public TrainingOptions withClipNorm(Double bound) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, optimizer, schedule,
                l2, maxWeight, bound, regularisation);
    }

    public TrainingOptions withMaxWeight(double bound) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, optimizer, schedule,
                l2, bound, clipNorm, regularisation);
    }

    public TrainingOptions withRegularisation(Regularisation rules) {
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed, earlyStopping, optimizer, schedule,
                l2, maxWeight, clipNorm, rules);
    }

    /** Rows per step for a set of {@code rows} examples. */
    public int batchRows(int rows) {
        return batchSize == null ? rows : Math.min(batchSize, rows);
    }
}
