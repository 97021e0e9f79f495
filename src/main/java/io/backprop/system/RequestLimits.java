package io.backprop.system;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The most any one request may ask for; checked before any work is queued.
 *
 * @param maxRequestSize request body size (JSON requests)
 * @param maxUploadSize a data-set file upload (CSV, .npy, .npz), and its content when it comes compressed
 * @param maxConcurrentUploads data-set uploads read at once (each holds a database transaction while it runs)
 * @param minBodyRate bytes per second a request body (JSON or a data-set file) must arrive at, over each
 *     {@code bodyRateWindow} spent waiting for it
 * @param bodyRateWindow how long the service waits for a body's bytes before it judges their rate
 * @param maxRows examples in a training set
 * @param maxColumns features, and targets, per example
 * @param maxTargets target columns of a data-set file (they are held in memory while the file is read)
 * @param maxTargetValues target values (rows × target columns) of a data-set file, held in memory while it is read:
 *     the default lets a file of one target column reach {@code maxRows}, and one of 100 reach 100,000 rows
 * @param maxLayers layers in a network
 * @param maxUnits units in one layer
 * @param maxParameters weights and biases in a network
 * @param maxEpochs epochs of one training
 * @param maxPredictRows rows in one prediction request
 * @param maxBoundaryResolution cells per side of a decision-boundary grid
 * @param maxClasses classes a classifier may tell apart (its metrics grow with their square)
 * @param maxModelBytes bytes one model's parameters may take in the store (8 per weight or bias)
 * @param maxStoreBytes bytes all models and data sets together may take in the store
 * @param maxJobMemory memory one training job may need (parameters, optimizer state, a batch's activations, rows)
 * @param maxTrainingFlops the work one training request may ask for, estimated before it is queued as 6 × rows ×
 *     parameters × epochs floating-point operations (a forward and a backward pass); the default, 3·10¹³, is about
 *     ten minutes of two cores at 50 GFLOP/s
 */
@Validated
@ConfigurationProperties(RequestLimits.PREFIX)
public record RequestLimits(
        @DefaultValue("32MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("2GB") @NotNull DataSize maxUploadSize,
        @DefaultValue("2") @Min(1) int maxConcurrentUploads,
        @DefaultValue("64KB") @NotNull DataSize minBodyRate,
        @DefaultValue("10s") @NotNull Duration bodyRateWindow,
        @DefaultValue("1000000") @Min(1) int maxRows,
        @DefaultValue("1000") @Min(1) int maxColumns,
        @DefaultValue("100") @Min(1) int maxTargets,
        @DefaultValue("10000000") @Min(1) long maxTargetValues,
        @DefaultValue("20") @Min(1) int maxLayers,
        @DefaultValue("4096") @Min(1) int maxUnits,
        @DefaultValue("2000000") @Min(1) long maxParameters,
        @DefaultValue("1000000") @Min(1) int maxEpochs,
        @DefaultValue("10000") @Min(1) int maxPredictRows,
        @DefaultValue("200") @Min(2) int maxBoundaryResolution,
        @DefaultValue("100") @Min(2) int maxClasses,
        @DefaultValue("16MB") @NotNull DataSize maxModelBytes,
        @DefaultValue("4GB") @NotNull DataSize maxStoreBytes,
        @DefaultValue("1GB") @NotNull DataSize maxJobMemory,
        @DefaultValue("3e13") @DecimalMin("1") double maxTrainingFlops) {

    static final String PREFIX = "backprop.limits";
    /** The settings that messages name, so that whoever runs the service knows which one to raise. */
    public static final String MAX_ROWS = PREFIX + ".max-rows";
    public static final String MAX_COLUMNS = PREFIX + ".max-columns";
    public static final String MAX_TARGETS = PREFIX + ".max-targets";
    public static final String MAX_TARGET_VALUES = PREFIX + ".max-target-values";
    public static final String MIN_BODY_RATE = PREFIX + ".min-body-rate";
}
