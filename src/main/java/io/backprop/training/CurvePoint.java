package io.backprop.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The cost of the forward pass of one epoch, before that epoch's update (epoch 0: the initial parameters), and
 * when rows are held out, their cost for the parameters the epoch started from. A finished model's curve ends at
 * the epoch after its last, with the cost of the parameters it kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CurvePoint(int epoch, double cost, Double validationCost) {
}
