package io.backprop.training;

import java.util.List;

import io.backprop.network.Parameters;

/**
 * What a finished job hands to the journal: the parameters kept, epochs run, the (downsampled) curve, with
 * early stopping the best epoch and whether patience ran out, and whether a client stopped it early.
 */
public record TrainingOutcome(Parameters parameters, int epochs, List<CurvePoint> curve, Integer bestEpoch,
        boolean stoppedEarly, boolean stoppedOnRequest) {
}
