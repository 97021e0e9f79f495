package io.backprop.prediction;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How trained models are served.
 *
 * @param cacheSize trained models kept in memory, ready to predict without touching the database
 * @param cacheBytes the memory those models may take together
 * @param confirmInterval how long a cached model answers before its replica checks again that it is still stored:
 *     a model deleted on another replica stops answering here within this time
 */
@Validated
@ConfigurationProperties("backprop.models")
record ModelProperties(@DefaultValue("100") @Min(1) int cacheSize, @DefaultValue("256MB") @NotNull DataSize cacheBytes,
        @DefaultValue("500ms") @NotNull Duration confirmInterval) {
}
