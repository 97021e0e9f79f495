package io.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** A trained model's fit on the rows it was trained on. */
@Schema(description = "How well the trained model fits its training rows")
public record Metrics(Evaluation training) {
}
