package io.backprop.training;

/** The cost of the forward pass of one epoch, before that epoch's update (epoch 0: the initial parameters). */
public record CurvePoint(int epoch, double cost) {
}
