package io.backprop.model;

import org.springframework.data.annotation.Id;

/** A trained model's parameters (binary, see {@link ParametersCodec}) and learning curve (JSON). */
record ModelResult(@Id String modelId, byte[] parameterBytes, String learningCurve) {
}
