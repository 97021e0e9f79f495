package io.backprop.network;

/**
 * How training ended: the parameters it kept, how many epochs ran to their end, with early stopping the best
 * epoch (whose starting parameters were kept) and whether patience ran out before the planned epochs, and
 * whether the listener interrupted an epoch midway (its steps so far are in the parameters); and whether the first
 * layer's products read the rows' index of nonzero values ({@code sparseInput}, see {@link SparseInput}), which
 * rounds differently from OpenBLAS.
 */
public record TrainingResult(Parameters parameters, int epochs, Integer bestEpoch, boolean stoppedEarly,
        boolean interrupted, boolean sparseInput) {
}
