package io.backprop.model;

import org.springframework.data.annotation.Id;

/** A trained model's parameters and learning curve, as JSON numbers (exact: they round-trip bit for bit). */
record ModelResult(@Id String modelId, String parameters, String learningCurve) {
}
