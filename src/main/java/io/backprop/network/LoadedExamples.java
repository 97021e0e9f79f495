package io.backprop.network;

/**
 * Examples converted once into the memory and precision a network trains in, so that every epoch, and every
 * training on the same rows, reads them without converting again; batches of consecutive rows are read in place.
 * Loading 60,000 × 784 rows into float32 takes about as long as two epochs of converting batch by batch (fresh
 * memory is slow to touch), so it pays off for rows read many times. Close it to free the memory at once.
 */
public final class LoadedExamples implements AutoCloseable {

    private final Allocation allocation;
    final Backend backend;
    final Precision precision;
    final Matrix features;
    final Matrix targets;

    private LoadedExamples(Examples examples, Backend backend, Precision precision) {
        this.allocation = new Allocation(backend, precision);
        this.backend = backend;
        this.precision = precision;
        this.features = allocation.of(examples.features());
        this.targets = allocation.of(examples.targets());
    }

    /** Loads the examples for training the network {@code spec} on {@code backend}. */
    public static LoadedExamples load(Examples examples, NetworkSpec spec, Backend backend) {
        examples.requireFits(spec);
        return new LoadedExamples(examples, backend, spec.precision());
    }

    public int rows() {
        return features.rows();
    }

    /** Throws unless these rows fit the network {@code spec} and were loaded in its precision. */
    void requireFits(NetworkSpec spec) {
        if (precision != spec.precision()) {
            throw new IllegalArgumentException("examples loaded in " + precision + " cannot train a network that "
                    + "computes in " + spec.precision());
        }
        if (features.columns() != spec.inputs() || targets.columns() != spec.outputs()) {
            throw new IllegalArgumentException("examples loaded as " + features.shape() + " → " + targets.shape()
                    + " do not fit a network of " + spec.inputs() + " inputs and " + spec.outputs() + " outputs");
        }
    }

    @Override
    public void close() {
        allocation.close();
    }
}
