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

    /** Trains without validation rows on the backend that suits the batch size, see {@link Backend#choose}. */
    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples training,
            TrainingOptions options, EpochListener listener) {
        return train(spec, initial, training, null, options, listener);
    }

    /** Trains on the backend that suits the batch size; {@code validation} may be null. */
    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples training, Examples validation,
            TrainingOptions options, EpochListener listener) {
        Backend backend = Backend.choose(spec, options.batchRows(training.rows()));
        return train(spec, initial, training, validation, options, listener, backend);
    }

    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples training, Examples validation,
            TrainingOptions options, EpochListener listener, Backend backend) {
        training.requireFits(spec);
        Network network = new Network(spec, initial, backend);
        try {
            return train(network, training, validation, options, listener);
        }
        finally {
            network.close();
        }
    }

    private static TrainingResult train(Network network, Examples training, Examples validation,
            TrainingOptions options, EpochListener listener) {
        Batches batches = new Batches(network, training, options);
        ValidationSet held = validation == null ? null : new ValidationSet(network, validation);
        BestEpoch best = options.earlyStopping() == null ? null : new BestEpoch(network, options.earlyStopping());
        int epoch = 0;
        boolean proceed = true;
        boolean patienceRanOut = false;
        while (proceed && epoch < options.epochs()) {
            double validationCost = held == null ? Double.NaN : held.cost() + network.weightPenalty(options.l2());
            if (best != null) {
                best.rememberStart();
            }
            double cost = batches.runEpoch(options.schedule().rate(options.learningRate(), epoch));
            requireFinite(network, epoch, cost, held == null ? 0 : validationCost, options.maxWeight());
            proceed = listener.onEpoch(epoch, cost, validationCost);
            if (best != null && !best.record(epoch, held == null ? cost : validationCost)) {
                patienceRanOut = proceed;
                proceed = false;
            }
            epoch++;
        }
        if (best != null) {
            best.restore();
        }
        return new TrainingResult(network.parameters(), epoch, best == null ? null : best.epoch, patienceRanOut);
    }

    /** Throws once a cost or a parameter is no longer a usable number (0 stands for no validation cost). */
    private static void requireFinite(Network network, int epoch, double cost, double validationCost,
            double maxWeight) {
        if (!Double.isFinite(cost)) {
            throw new TrainingDivergedException(epoch, cost, "cost = " + cost);
        }
        if (!Double.isFinite(validationCost)) {
            throw new TrainingDivergedException(epoch, cost, "validation cost = " + validationCost);
        }
        double largest = network.largestParameter();
        if (!Double.isFinite(largest)) {
            throw new TrainingDivergedException(epoch, cost, "a parameter became " + largest);
        }
        if (largest > maxWeight) {
            throw new TrainingDivergedException(epoch, cost, String.format(java.util.Locale.ROOT,
                    "a parameter reached %.3g, beyond the bound %.3g", largest, maxWeight));
        }
    }

    /** Rows held out of training; their cost is measured at the start of every epoch. */
    private static final class ValidationSet {

        private final Network network;
        private final Matrix features;
        private final Matrix targets;
        private final Network.Workspace workspace;

        ValidationSet(Network network, Examples examples) {
            examples.requireFits(network.spec);
            this.network = network;
            this.features = network.matrix(examples.features());
            this.targets = network.matrix(examples.targets());
            this.workspace = network.workspace(examples.rows(), false);
        }

        double cost() {
            return network.cost(features, targets, workspace);
        }
    }

    /**
     * Early stopping's memory: the parameters each epoch started from, and those of the best epoch so far. An
     * epoch's cost describes the parameters it started from, so an improving epoch makes its start the best.
     */
    private static final class BestEpoch {

        private final Network network;
        private final EarlyStopping rule;
        private Matrix[] start;
        private Matrix[] best;
        private double bestCost = Double.POSITIVE_INFINITY;
        private Integer epoch;

        BestEpoch(Network network, EarlyStopping rule) {
            this.network = network;
            this.rule = rule;
            this.start = network.snapshotBuffers();
            this.best = network.snapshotBuffers();
        }

        void rememberStart() {
            network.copyParametersTo(start);
        }

        /** Returns false when the cost has not improved for {@code patience} epochs. */
        boolean record(int current, double cost) {
            if (cost < bestCost - rule.minDelta()) {
                bestCost = cost;
                epoch = current;
                Matrix[] swap = best;
                best = start;
                start = swap;
                return true;
            }
            return current - (epoch == null ? -1 : epoch) < rule.patience();
        }

        void restore() {
            if (epoch != null) {
                network.restoreParametersFrom(best);
            }
        }
    }

    /**
     * Cuts an epoch into batches and steps on each. The whole set as one batch is loaded once. Smaller batches
     * are copied into buffers at each step, in a freshly shuffled or the fixed order: from a copy of the whole
     * set in the backend's memory when the set is read three times or more, else straight from the caller's
     * rows. Loading 60,000 × 784 float32 values took 160 ms, converting them batch by batch 65 ms an epoch.
     */
    private static final class Batches {

        private final Network network;
        private final Examples examples;
        private final int batchRows;
        /** The rows in this epoch's order; null in the fixed order. */
        private final int[] order;
        private final Random random;
        private final Updater updater;
        private final double l2;
        /** The whole set in the backend's memory, when it is worth loading; else null. */
        private final Matrix features;
        private final Matrix targets;
        /** Buffers for full batches, and for the smaller last batch when the rows do not divide evenly. */
        private Pass full;
        private Pass remainder;

        Batches(Network network, Examples examples, TrainingOptions options) {
            this.network = network;
            this.examples = examples;
            this.batchRows = options.batchRows(examples.rows());
            boolean shuffled = options.shuffle() && batchRows < examples.rows();
            this.order = shuffled ? new int[examples.rows()] : null;
            for (int i = 0; shuffled && i < order.length; i++) {
                order[i] = i;
            }
            this.random = shuffled ? new Random(options.seed() ^ SHUFFLE_SALT) : null;
            this.updater = Updater.of(options.optimizer(), network);
            this.l2 = options.l2();
            boolean load = batchRows == examples.rows() || options.epochs() > 2;
            this.features = load ? network.matrix(examples.features()) : null;
            this.targets = load ? network.matrix(examples.targets()) : null;
        }

        /**
         * One epoch of steps; returns its cost: the mean loss over all rows, each batch's taken before its step,
         * plus the weight penalty of that step.
         */
        double runEpoch(double learningRate) {
            if (random != null) {
                shuffle();
            }
            int rows = examples.rows();
            double lossSum = 0;
            for (int from = 0; from < rows; from += batchRows) {
                Pass pass = pass(Math.min(batchRows, rows - from));
                fill(pass, from);
                Matrix x = pass.features;
                Matrix y = pass.targets;
                Matrix predictions = network.forward(x, pass.workspace);
                lossSum += predictions.lossSum(network.spec.loss(), y);
                network.backward(x, y, pass.workspace);
                if (l2 > 0) {
                    lossSum += x.rows() * network.weightPenalty(l2);
                    network.addWeightDecay(l2);
                }
                updater.step(learningRate);
            }
            return lossSum / rows;
        }

        /** Copies the batch that starts at row {@code from} into the pass's buffers, unless they hold the set. */
        private void fill(Pass pass, int from) {
            if (pass.features == features) {
                return;
            }
            if (features != null) {
                pass.features.assignRows(features, order, from);
                pass.targets.assignRows(targets, order, from);
            }
            else {
                pass.features.loadRows(examples.features(), order, from);
                pass.targets.loadRows(examples.targets(), order, from);
            }
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

        /** The whole set when it is its own batch; else buffers that batches are copied into. */
        private Pass newPass(int rows) {
            Network.Workspace workspace = network.workspace(rows, true);
            if (rows == examples.rows()) {
                return new Pass(features, targets, workspace);
            }
            return new Pass(network.zeros(rows, network.spec.inputs()), network.zeros(rows, network.spec.outputs()),
                    workspace);
        }
    }

    private record Pass(Matrix features, Matrix targets, Network.Workspace workspace) {
    }
}
