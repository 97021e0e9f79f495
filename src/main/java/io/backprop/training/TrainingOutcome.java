package io.backprop.training;

import java.util.List;

import io.backprop.network.Parameters;

/** What a finished job hands to the journal: the trained parameters, epochs run, the (downsampled) curve. */
public record TrainingOutcome(Parameters parameters, int epochs, List<CurvePoint> curve) {
}
