package io.backprop.model;

import io.backprop.network.Parameters;
import io.backprop.network.Predictor;

/** A model that finished training, loaded and ready to answer. */
record TrainedModel(ModelSpec spec, Task task, Parameters parameters, Predictor predictor) {
}
