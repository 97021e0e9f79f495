package io.backprop.network;

/**
 * How training ended: the parameters it kept, how many epochs ran, and with early stopping the best epoch
 * (whose starting parameters were kept) and whether patience ran out before the planned epochs.
 */
public record TrainingResult(Parameters parameters, int epochs, Integer bestEpoch, boolean stoppedEarly) {
}
