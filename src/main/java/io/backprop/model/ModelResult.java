package io.backprop.model;

import org.springframework.data.annotation.Id;

import io.backprop.network.Parameters;

/** A trained model's parameters (stored in binary, see {@link ParametersCodec}) and learning curve. */
record ModelResult(@Id String modelId, Parameters parameters, LearningCurve learningCurve) {
}
