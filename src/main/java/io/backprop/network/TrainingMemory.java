package io.backprop.network;

/**
 * The memory one training needs, by what holds it: the parameters with their gradients (and early stopping's
 * two copies, and the parameters handed in and out as Java arrays), the optimizer's state, the activations and
 * deltas of a batch (dropout's masks and each row's class weight too; and of the validation rows), and the rows themselves (the caller's arrays and their copy
 * in the engine's precision, or instead the index of their nonzero values, which is never larger, see
 * {@link SparseInput#MAX_INDEXED_SHARE}). An upper bound: it counts what {@link Trainer} may allocate, whichever
 * path it takes.
 */
public record TrainingMemory(long parameters, long optimizerState, long activations, long rows) {

    /** What training {@code spec} on these many training and validation rows with {@code options} needs. */
    public static TrainingMemory of(NetworkSpec spec, int trainingRows, int validationRows, TrainingOptions options) {
        long width = spec.precision().bytes();
        long count = spec.parameterCount();
        // a layer with dropout keeps its mask and its thinned outputs beside its outputs and deltas
        long units = spec.layers().stream().mapToLong(l -> l.units() * (l.dropout() > 0 ? 2L : 1L)).sum();
        long columns = spec.inputs() + spec.outputs();
        long batch = options.batchRows(trainingRows);
        long lastBatch = trainingRows % batch;
        long copies = 2 + (options.earlyStopping() == null ? 0 : 2);
        long stateTensors = options.optimizer() instanceof Optimizer.Adam ? 2
                : options.optimizer() instanceof Optimizer.Momentum ? 1 : 0;
        long activations = (batch + lastBatch) * (2 * units + 2 * columns + 1) + (long) validationRows * units;
        long loaded = (long) (trainingRows + validationRows) * columns;
        return new TrainingMemory(count * (copies * width + 2 * Double.BYTES), count * stateTensors * width,
                activations * width, loaded * (width + Double.BYTES));
    }

    public long total() {
        return parameters + optimizerState + activations + rows;
    }

    /** The same with {@code bytes} more rows held elsewhere, such as the request the rows came in. */
    public TrainingMemory plusRows(long bytes) {
        return new TrainingMemory(parameters, optimizerState, activations, rows + bytes);
    }
}
