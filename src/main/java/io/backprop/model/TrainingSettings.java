package io.backprop.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.EarlyStopping;
import io.backprop.network.Optimizer;
import io.backprop.network.TrainingOptions;
import io.swagger.v3.oas.annotations.media.Schema;

/** How to train; in a model's spec every default is filled in. */
@Schema(description = "How to train; a stored model's spec shows every default filled in")
public record TrainingSettings(
        @Schema(description = "Passes over the data; default 1000", minimum = "1", example = "5000") Integer epochs,
        @Schema(description = "Step size; default 0.1", example = "1.0") Double learningRate,
        @Schema(description = "Rows per step; null means the whole set (full-batch gradient descent)")
        Integer batchSize,
        @Schema(description = "Reshuffle the rows every epoch when training in mini-batches; default true")
        Boolean shuffle,
        @Schema(description = "Seeds weight initialisation, shuffling and the validation split; the same request "
                + "with the same seed gives identical parameters. Default: drawn at random and shown in the spec",
                example = "7") Long seed,
        @Schema(description = "Share of the rows held out to validate on (0 ≤ f < 1, default 0); stratified by "
                + "class for classifiers", example = "0.2") Double validationSplit,
        @Schema(description = "Stop when the validation cost (or without validation rows, the training cost) "
                + "stops improving, keeping the best epoch's parameters") EarlyStoppingSettings earlyStopping,
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
        ScheduleSettings learningRateSchedule,
        @Schema(description = "L2 weight decay λ on the weights (not the biases): the cost gains (λ/2)·Σw²; "
                + "default 0", example = "0.0") Double l2,
        @Schema(description = "Wall-clock limit of the job in seconds; default and maximum: the server's limit",
                example = "60") Integer maxSeconds) {

    /** Early stopping: {@code patience} epochs without an improvement larger than {@code minDelta}. */
    @Schema(description = "Stop after patience epochs without an improvement larger than minDelta")
    public record EarlyStoppingSettings(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "50") Integer patience,
            @Schema(description = "Default 0", example = "0.0") Double minDelta) {
    }

    static final int DEFAULT_EPOCHS = 1000;
    static final double DEFAULT_LEARNING_RATE = 0.1;

    static TrainingSettings none() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** These settings with every default filled in; the optimizer's own parameters only for that optimizer. */
    TrainingSettings withDefaults(long fallbackSeed, int maxSecondsAllowed) {
        OptimizerName rule = or(optimizer, OptimizerName.SGD);
        boolean withMomentum = rule == OptimizerName.MOMENTUM;
        boolean adam = rule == OptimizerName.ADAM;
        ScheduleSettings schedule = learningRateSchedule == null
                ? new ScheduleSettings(ScheduleSettings.Type.CONSTANT, null, null)
                : new ScheduleSettings(learningRateSchedule.type(), learningRateSchedule.gamma(),
                        learningRateSchedule.type() == ScheduleSettings.Type.CONSTANT ? null
                                : or(learningRateSchedule.stepEpochs(), 1));
        EarlyStoppingSettings stopping = earlyStopping == null ? null
                : new EarlyStoppingSettings(earlyStopping.patience(), or(earlyStopping.minDelta(), 0.0));
        return new TrainingSettings(or(epochs, DEFAULT_EPOCHS), or(learningRate, DEFAULT_LEARNING_RATE), batchSize,
                or(shuffle, true), or(seed, fallbackSeed), or(validationSplit, 0.0), stopping, rule,
                withMomentum ? or(momentum, 0.9) : null, withMomentum ? or(nesterov, false) : null,
                adam ? or(beta1, 0.9) : null, adam ? or(beta2, 0.999) : null, adam ? or(epsilon, 1e-8) : null,
                schedule, or(l2, 0.0), or(maxSeconds, maxSecondsAllowed));
    }

    /** The engine's settings; the caller adds the server's weight bound. */
    TrainingOptions options() {
        Optimizer rule = switch (optimizer) {
            case SGD -> Optimizer.SGD;
            case MOMENTUM -> new Optimizer.Momentum(momentum, nesterov);
            case ADAM -> new Optimizer.Adam(beta1, beta2, epsilon);
        };
        EarlyStopping stopping = earlyStopping == null ? null
                : new EarlyStopping(earlyStopping.patience(), earlyStopping.minDelta());
        return new TrainingOptions(epochs, learningRate, batchSize, shuffle, seed).withEarlyStopping(stopping)
                .withOptimizer(rule).withSchedule(learningRateSchedule.schedule()).withL2(l2);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
