package io.backprop.training;

import java.util.List;

import io.backprop.metrics.Metrics;
import io.backprop.network.Parameters;

/**
 * What a finished job hands to the journal: the parameters kept and how they fit, epochs run, the (downsampled)
 * curve, with early stopping the best epoch and whether patience ran out, whether a client stopped it, and
 * whether the first layer read the rows' index of nonzero values.
 */
public record JobResult(Parameters parameters, Metrics metrics, int epochs, List<CurvePoint> curve, Integer bestEpoch,
        boolean stoppedEarly, boolean stoppedOnRequest, boolean sparseInput) {
}
