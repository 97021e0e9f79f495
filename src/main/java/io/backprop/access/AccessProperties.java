package io.backprop.access;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the service, and how much of it each owner may take.
 *
 * @param adminKey the admin's key (set it with {@code BACKPROP_ADMIN_KEY}); when set, or when the service listens
 *     beyond the loopback interface, every request needs a key
 * @param quotas what each owner may hold at once; admins are not held to them
 * @param rateLimits how many requests each key may send; admins are not held to them
 */
@Validated
@ConfigurationProperties("backprop.security")
public record AccessProperties(
        @DefaultValue("") @NotNull String adminKey,
        @DefaultValue @Valid Quotas quotas,
        @DefaultValue @Valid RateLimits rateLimits) {

    /** The shortest admin key accepted: 32 characters, e.g. {@code openssl rand -hex 32} gives 64. */
    static final int MIN_ADMIN_KEY_LENGTH = 32;

    /**
     * @param maxActiveJobs jobs one owner may have queued or running at once (beyond: 429)
     * @param maxModels models one owner may store (beyond: 403)
     * @param maxDatasetRows rows one owner's data sets may hold together (beyond: 403)
     */
    public record Quotas(
            @DefaultValue("4") @Min(0) int maxActiveJobs,
            @DefaultValue("1000") @Min(0) int maxModels,
            @DefaultValue("10000000") @Min(0) long maxDatasetRows) {
    }

    /**
     * @param predictions requests to predict or evaluate that one key may send per {@code predictionsPeriod}, all
     *     at once if it likes
     * @param training requests to train or to upload a data set that one key may send per {@code trainingPeriod}
     */
    public record RateLimits(
            @DefaultValue("100") @Min(1) int predictions,
            @DefaultValue("1s") @NotNull Duration predictionsPeriod,
            @DefaultValue("30") @Min(1) int training,
            @DefaultValue("1m") @NotNull Duration trainingPeriod) {
    }
}
