package io.backprop.model;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How trained models are served.
 *
 * @param cacheSize trained models kept in memory, ready to predict without touching the database
 */
@Validated
@ConfigurationProperties("backprop.models")
record ModelProperties(@DefaultValue("100") @Min(1) int cacheSize) {
}
