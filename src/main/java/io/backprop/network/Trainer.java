package io.backprop.network;

import java.util.Random;

/**
 * The training loop: per epoch, for each batch a forward pass, a backward pass and a gradient step. Buffers are
 * allocated for the (at most two) batch sizes once, before the first epoch; the loop itself allocates nothing.
 */
public final class Trainer {

    /** Keeps the shuffling stream apart from the weight-initialisation stream drawn from the same seed. */
    private static final long SHUFFLE_SALT = 0x5DEECE66DL;

    private Trainer() {
    }

    /** Trains on the backend that suits the batch size, see {@link Backend#choose}. */
    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples examples,
            TrainingOptions options, EpochListener listener) {
        Backend backend = Backend.choose(spec, options.batchRows(examples.rows()));
        return train(spec, initial, examples, options, listener, backend);
    }

    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples examples,
            TrainingOptions options, EpochListener listener, Backend backend) {
        examples.requireFits(spec);
        Network network = new Network(spec, initial, backend);
        Batches batches = new Batches(network, examples, options);
        int epoch = 0;
        boolean proceed = true;
        while (proceed && epoch < options.epochs()) {
            double cost = batches.runEpoch(options.learningRate());
            proceed = listener.onEpoch(epoch, cost);
            epoch++;
        }
        return new TrainingResult(network.parameters(), epoch);
    }

    /** Cuts an epoch into batches, in a freshly shuffled order when asked to, and steps on each. */
    private static final class Batches {

        private final Network network;
        private final Matrix features;
        private final Matrix targets;
        private final int[] order;
        private final int batchRows;
        private final Random random;
        /** Buffers for full batches, and for the smaller last batch when the rows do not divide evenly. */
        private Pass full;
        private Pass remainder;

        Batches(Network network, Examples examples, TrainingOptions options) {
            this.network = network;
            this.features = network.matrix(examples.features());
            this.targets = network.matrix(examples.targets());
            this.order = new int[examples.rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.batchRows = options.batchRows(examples.rows());
            this.random = options.shuffle() && batchRows < order.length ? new Random(options.seed() ^ SHUFFLE_SALT)
                    : null;
        }

        /** One epoch of steps; returns its cost, the mean loss over all rows before each batch's step. */
        double runEpoch(double learningRate) {
            if (random != null) {
                shuffle();
            }
            double lossSum = 0;
            for (int from = 0; from < order.length; from += batchRows) {
                Pass pass = pass(Math.min(batchRows, order.length - from));
                if (pass.features != features) {
                    pass.features.assignRows(features, order, from);
                    pass.targets.assignRows(targets, order, from);
                }
                Matrix predictions = network.forward(pass.features, pass.workspace);
                lossSum += predictions.lossSum(network.spec.loss(), pass.targets);
                network.backward(pass.features, pass.targets, pass.workspace);
                network.descend(learningRate);
            }
            return lossSum / order.length;
        }

        private void shuffle() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }

        private Pass pass(int rows) {
            if (rows == batchRows) {
                full = full != null ? full : newPass(rows);
                return full;
            }
            remainder = remainder != null ? remainder : newPass(rows);
            return remainder;
        }

        /** The whole set is its own batch; smaller batches get buffers that rows are copied into. */
        private Pass newPass(int rows) {
            Network.Workspace workspace = network.workspace(rows, true);
            if (rows == order.length) {
                return new Pass(features, targets, workspace);
            }
            return new Pass(network.zeros(rows, features.columns()), network.zeros(rows, targets.columns()),
                    workspace);
        }
    }

    private record Pass(Matrix features, Matrix targets, Network.Workspace workspace) {
    }
}
