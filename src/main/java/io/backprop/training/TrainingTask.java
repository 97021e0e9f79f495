package io.backprop.training;

import java.time.Duration;

import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.TrainingOptions;

/**
 * Everything one job needs to train a model from the start; deterministic, so it can be run again. The
 * validation rows (null when none are held out) are measured every epoch and never trained on; the job stops
 * and fails after {@code timeLimit} (capped by the server's limit).
 */
public record TrainingTask(String modelId, NetworkSpec spec, Parameters initial, Examples training,
        Examples validation, TrainingOptions options, Duration timeLimit) {
}
