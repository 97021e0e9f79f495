package io.backprop.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.Optimizer;
import io.backprop.network.Regularisation;
import io.backprop.network.TrainingOptions;
import io.backprop.preprocessing.HoldOut;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How to train: the request's {@code training} section. Its defaults, its checks (with the engine's own
 * rules) and its translation into the engine's options all live here, so that a new option is added in one place.
 */
@Schema(description = "How to train; a stored model's spec shows every default filled in")
public record Training(
        @Schema(description = "Passes over the data", defaultValue = "1000", minimum = "1",
                maximum = "1000000", example = "5000") Integer epochs,
        @Schema(description = "Step size", defaultValue = "0.1", minimum = "0", exclusiveMinimum = true,
                maximum = "1000000",
                example = "1.0") Double learningRate,
        @Schema(description = "Rows per step; null means the whole set (full-batch gradient descent)", minimum = "1",
                maximum = "100000") Integer batchSize,
        @Schema(description = "Reshuffle the rows every epoch when training in mini-batches", defaultValue = "true")
        Boolean shuffle,
        @Schema(description = "Seeds weight initialisation, shuffling and the validation split; the same request "
                + "with the same seed gives identical parameters. Default: drawn at random and shown in the spec",
                example = "7") Long seed,
        @Schema(description = "Share of the rows held out to validate on (0 ≤ f < 1, default 0); stratified by "
                + "class for classifiers", defaultValue = "0", minimum = "0", maximum = "1",
                exclusiveMaximum = true,
                example = "0.2") Double validationSplit,
        @Schema(description = "Stop when the validation cost (or without validation rows, the training cost) "
                + "stops improving, keeping the best epoch's parameters") EarlyStopping earlyStopping,
        @Schema(description = "sgd (default, the tutorials' gradient descent), momentum or adam") OptimizerName optimizer,
        @Schema(description = "momentum only: the velocity kept per step, default 0.9")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double momentum,
        @Schema(description = "momentum only: Nesterov's look-ahead, default false")
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean nesterov,
        @Schema(description = "adam only: first-moment decay, default 0.9")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double beta1,
        @Schema(description = "adam only: second-moment decay, default 0.999")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double beta2,
        @Schema(description = "adam only: added to the denominator, default 1e-8")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double epsilon,
        @Schema(description = "Annealing: how the learning rate changes per epoch; default constant")
        Schedule learningRateSchedule,
        @Schema(description = "L2 weight decay λ on the weights (not the biases): the cost gains (λ/2)·Σw²; "
                + "default 0", example = "0.0") Double l2,
        @Schema(description = "Gradient clipping: when the norm of all gradients together exceeds clipNorm, they are "
                + "scaled down to it before each step; default none", example = "1.0")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double clipNorm,
        @Schema(description = "Wall-clock limit of the job in seconds; default and maximum: the server's limit",
                example = "60") Integer maxSeconds,
        @Schema(description = "L1 penalty λ₁ on the weights (not the biases): the cost gains λ₁·Σ|w|; default 0",
                example = "0.0") @JsonInclude(JsonInclude.Include.NON_NULL) Double l1,
        @Schema(description = "Max-norm: after every step each unit's incoming weights (not its bias) are scaled down "
                + "to this Euclidean norm when longer (H2O's max_w2 is its square); default none", example = "3.0")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double maxNorm,
        @Schema(description = "Classifiers only: \"balanced\" (class c weighs n / (k·n_c), as scikit-learn's) or an "
                + "object of class label → weight (> 0; 1 for a class not named); each row's loss is multiplied by its "
                + "class's weight", example = "balanced")
        @JsonInclude(JsonInclude.Include.NON_NULL) ClassWeights classWeights,
        @JsonInclude(JsonInclude.Include.NON_NULL) CrossValidation crossValidation) {

    /** Early stopping: {@code patience} epochs without an improvement larger than {@code minDelta}. */
    @Schema(description = "Stop after patience epochs without an improvement larger than minDelta")
    public record EarlyStopping(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "50") Integer patience,
            @Schema(description = "Default 0", example = "0.0") Double minDelta) {
    }

    public static final int DEFAULT_EPOCHS = 1000;
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    static final Training NONE = new Training(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    /**
     * These settings with every default filled in: the seed drawn for the request when it gave none, the
     * server's time limit when it set none; an optimizer's own parameters only for that optimizer (a parameter
     * given for another optimizer is kept, for the checks to report).
     */
    Training withDefaults(long fallbackSeed, int maxSecondsAllowed) {
        OptimizerName rule = or(optimizer, OptimizerName.SGD);
        boolean withMomentum = rule == OptimizerName.MOMENTUM;
        boolean adam = rule == OptimizerName.ADAM;
        EarlyStopping stopping = earlyStopping == null ? null
                : new EarlyStopping(earlyStopping.patience(), or(earlyStopping.minDelta(), 0.0));
        return new Training(or(epochs, DEFAULT_EPOCHS), or(learningRate, DEFAULT_LEARNING_RATE), batchSize,
                or(shuffle, true), or(seed, fallbackSeed), or(validationSplit, 0.0), stopping, rule,
                withMomentum ? or(momentum, 0.9) : momentum, withMomentum ? or(nesterov, false) : nesterov,
                adam ? or(beta1, 0.9) : beta1, adam ? or(beta2, 0.999) : beta2, adam ? or(epsilon, 1e-8) : epsilon,
                or(learningRateSchedule, Schedule.CONSTANT).withDefaults(), or(l2, 0.0), clipNorm,
                or(maxSeconds, maxSecondsAllowed), l1 != null && l1 == 0 ? null : l1, maxNorm, classWeights,
                crossValidation);
    }

    /** Checks the filled-in settings against the engine's rules and the server's limits, in field order. */
    void check(Checks checks) {
        checks.range("training.epochs", epochs, 1, checks.limits().maxEpochs());
        checks.bound("training.learningRate", learningRate, TrainingOptions.LEARNING_RATE);
        checks.bound("training.batchSize", batchSize, TrainingOptions.BATCH_SIZE);
        checks.bound("training.validationSplit", validationSplit, HoldOut.FRACTION);
        if (earlyStopping != null) {
            if (earlyStopping.patience() == null) {
                checks.add("training.earlyStopping.patience", null, "is required");
            }
            checks.range("training.earlyStopping.patience", earlyStopping.patience(), 1, checks.limits().maxEpochs());
            checks.bound("training.earlyStopping.minDelta", earlyStopping.minDelta(),
                    io.backprop.network.EarlyStopping.MIN_DELTA);
        }
        // an optimizer's parameters belong to it alone, so that a misplaced one is not silently ignored
        checks.optimizerParameter("training.momentum", momentum, optimizer, OptimizerName.MOMENTUM,
                Optimizer.Momentum.MOMENTUM);
        checks.optimizerParameter("training.nesterov", nesterov, optimizer, OptimizerName.MOMENTUM, null);
        checks.optimizerParameter("training.beta1", beta1, optimizer, OptimizerName.ADAM, Optimizer.Adam.BETA);
        checks.optimizerParameter("training.beta2", beta2, optimizer, OptimizerName.ADAM, Optimizer.Adam.BETA);
        checks.optimizerParameter("training.epsilon", epsilon, optimizer, OptimizerName.ADAM, Optimizer.Adam.EPSILON);
        learningRateSchedule.check(checks);
        checks.bound("training.l2", l2, TrainingOptions.L2);
        checks.bound("training.clipNorm", clipNorm, TrainingOptions.CLIP_NORM);
        checks.range("training.maxSeconds", maxSeconds, 1, checks.maxSeconds());
        checks.bound("training.l1", l1, Regularisation.L1);
        checks.bound("training.maxNorm", maxNorm, Regularisation.MAX_NORM);
        if (classWeights != null) {
            classWeights.check(checks);
        }
        if (crossValidation != null) {
            crossValidation.check(checks, validationSplit);
        }
    }

    /**
     * How many times the request's training passes over its rows: once, or with k-fold cross-validation k times
     * (the model's own training, then k trainings on (k − 1)/k of the rows each).
     */
    public int rowPasses() {
        return crossValidation == null || crossValidation.folds() == null ? 1 : crossValidation.folds();
    }

    /** The engine's settings; the caller adds the server's weight bound. */
    public TrainingOptions options() {
        Optimizer rule = switch (optimizer) {
            case SGD -> Optimizer.SGD;
            case MOMENTUM -> new Optimizer.Momentum(momentum, nesterov);
            case ADAM -> new Optimizer.Adam(beta1, beta2, epsilon);
        };
        io.backprop.network.EarlyStopping stopping = earlyStopping == null ? null
                : new io.backprop.network.EarlyStopping(earlyStopping.patience(), earlyStopping.minDelta());
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed).withEarlyStopping(stopping)
                .withOptimizer(rule).withSchedule(learningRateSchedule.schedule()).withL2(l2).withClipNorm(clipNorm)
                .withRegularisation(new Regularisation(l1 == null ? 0 : l1, maxNorm, null));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
