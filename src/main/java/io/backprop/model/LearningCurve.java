package io.backprop.model;

import java.util.List;

import io.backprop.training.CurvePoint;
import io.swagger.v3.oas.annotations.media.Schema;

/** The cost per epoch, downsampled to a bounded number of points that always include the first and last epoch. */
@Schema(description = "The cost per epoch (epoch 0: the initial parameters), downsampled; first and last epoch kept")
public record LearningCurve(List<CurvePoint> points) {
}
