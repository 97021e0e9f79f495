package io.backprop.training;

import io.backprop.network.Examples;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.TrainingOptions;

/** Everything one job needs to train a model from the start; deterministic, so it can be run again. */
public record TrainingTask(String modelId, NetworkSpec spec, Parameters initial, Examples examples,
        TrainingOptions options) {
}
