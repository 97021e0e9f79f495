package io.backprop.network;

/** Hears about each finished epoch; lets the caller record a learning curve, report progress or stop early. */
@FunctionalInterface
public interface EpochListener {

    /**
     * Called after epoch {@code epoch} (counted from 0). Its {@code cost} is the mean loss of the epoch's forward
     * passes, each taken before its own update, so epoch 0 reports the cost of the initial parameters; its
     * {@code validationCost} is the cost on the validation rows of the parameters the epoch started from, or NaN
     * without validation rows.
     *
     * @return false to stop training after this epoch
     */
    boolean onEpoch(int epoch, double cost, double validationCost);

    /**
     * Asked between the batches of an epoch, so that a long epoch can be cut short: true ends training at once,
     * keeping the steps taken so far. Checked every batch, so it must be cheap.
     */
    default boolean interrupted() {
        return false;
    }

    /** Asked after each epoch that training goes on from: whether to be handed a {@link Checkpoint} now. */
    default boolean wantsCheckpoint() {
        return false;
    }

    /** A checkpoint to resume from after the epochs it counts; the listener may keep it. */
    default void onCheckpoint(Checkpoint checkpoint) {
    }

    /** Asked after each epoch: whether to be handed a copy of the parameters as they are now (to look at them). */
    default boolean wantsParameters() {
        return false;
    }

    /** A copy of the parameters after the epoch just ended. */
    default void onParameters(Parameters parameters) {
    }

    EpochListener NONE = (epoch, cost, validationCost) -> true;
}
