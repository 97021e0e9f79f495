package io.backprop.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The training loop: per epoch, for each batch a forward pass, a backward pass and a gradient step. Buffers are
 * allocated for the (at most two) batch sizes once, before the first epoch; the loop itself allocates nothing.
 */
public final class Trainer {

    /** Keeps the shuffling stream apart from the weight-initialisation stream drawn from the same seed. */
    private static final long SHUFFLE_SALT = 0x5DEECE66DL;
    /** Spreads epoch numbers over the seed's bits (the golden ratio's, as in SplittableRandom). */
    private static final long EPOCH_MIX = 0x9E3779B97F4A7C15L;
    /** Keeps the dropout stream apart from the other two. */
    private static final long DROPOUT_SALT = 0x2545F4914F6CDD1DL;

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
        return resume(spec, initial, null, training, validation, options, listener);
    }

    /**
     * The same, going on from {@code checkpoint} (null: from the start) exactly as the run that handed it out
     * would have: a resumed run ends with the parameters of an uninterrupted one, bit for bit.
     */
    public static TrainingResult resume(NetworkSpec spec, Parameters initial, Checkpoint checkpoint,
            Examples training, Examples validation, TrainingOptions options, EpochListener listener) {
        Backend backend = Backend.choose(spec, options.batchRows(training.rows()));
        return train(spec, initial, checkpoint, training, validation, options, listener, backend);
    }

    /**
     * Trains on {@code backend}. The rows are loaded into the backend's memory once, up front, when they form a
     * single batch or are read three times or more; else each batch is converted from the caller's rows into a
     * buffer. Fresh memory costs: loading 60,000 × 784 rows into float32 took 120–180 ms, converting them batch by
     * batch into a reused buffer 55–65 ms an epoch.
     */
    public static TrainingResult train(NetworkSpec spec, Parameters initial, Examples training, Examples validation,
            TrainingOptions options, EpochListener listener, Backend backend) {
        return train(spec, initial, null, training, validation, options, listener, backend);
    }

    private static TrainingResult train(NetworkSpec spec, Parameters initial, Checkpoint checkpoint,
            Examples training, Examples validation, TrainingOptions options, EpochListener listener,
            Backend backend) {
        training.requireFits(spec);
        int batchRows = options.batchRows(training.rows());
        SparseInput sparse = SparseInputChoice.forTraining(spec, options, training.rows(), null, training.features());
        // the sparse index replaces the loaded features
        boolean load = sparse == null && (batchRows == training.rows() || options.epochs() > 2);
        Network network = new Network(spec, checkpoint != null ? checkpoint.parameters() : initial, backend);
        try (LoadedExamples loaded = load ? LoadedExamples.load(training, spec, backend) : null) {
            return train(network, new Batches(network, training, loaded, options, sparse), validation, options,
                    listener, checkpoint);
        }
        finally {
            network.close();
        }
    }

    /**
     * Trains on rows loaded beforehand, on the backend they were loaded for; they stay loaded, for the caller to
     * train on again or to close.
     */
    public static TrainingResult train(NetworkSpec spec, Parameters initial, LoadedExamples training,
            Examples validation, TrainingOptions options, EpochListener listener) {
        training.requireFits(spec);
        Network network = new Network(spec, initial, training.backend);
        SparseInput sparse = SparseInputChoice.forTraining(spec, options, training.rows(), training.features, null);
        try {
            return train(network, new Batches(network, null, training, options, sparse), validation, options,
                    listener, null);
        }
        finally {
            network.close();
        }
    }

    private static TrainingResult train(Network network, Batches batches, Examples validation,
            TrainingOptions options, EpochListener listener, Checkpoint checkpoint) {
        ValidationSet held = validation == null ? null : new ValidationSet(network, validation);
        BestEpoch best = options.earlyStopping() == null ? null : new BestEpoch(network, options.earlyStopping());
        int epoch = 0;
        if (checkpoint != null) {
            epoch = checkpoint.epochs();
            batches.updater.restore(checkpoint.optimizerSteps(), checkpoint.optimizerState(), network::matrix);
            if (best != null) {
                best.restore(checkpoint, network::matrix);
            }
        }
        boolean proceed = true;
        boolean patienceRanOut = false;
        while (proceed && epoch < options.epochs()) {
            double validationCost = held == null ? Double.NaN : held.cost() + network.weightPenalty(
                    options.regularisation().l1(), options.l2());
            if (best != null) {
                best.rememberStart();
            }
            double cost = batches.runEpoch(epoch, options.schedule().rate(options.learningRate(), epoch), listener);
            if (batches.interrupted) {
                requireFinite(network, epoch, 0, 0, options.maxWeight());
                break;
            }
            requireFinite(network, epoch, cost, held == null ? 0 : validationCost, options.maxWeight());
            proceed = listener.onEpoch(epoch, cost, validationCost);
            if (best != null && !best.record(epoch, held == null ? cost : validationCost)) {
                patienceRanOut = proceed;
                proceed = false;
            }
            epoch++;
            if (listener.wantsParameters()) {
                listener.onParameters(network.parameters());
            }
            if (proceed && epoch < options.epochs() && listener.wantsCheckpoint()) {
                listener.onCheckpoint(new Checkpoint(epoch, network.parameters(), batches.updater.steps(),
                        batches.updater.state(), best == null ? null : best.epoch,
                        best == null ? Double.POSITIVE_INFINITY : best.bestCost,
                        best == null ? List.of() : best.saved()));
            }
        }
        if (best != null) {
            best.restore();
        }
        return new TrainingResult(network.parameters(), epoch, best == null ? null : best.epoch, patienceRanOut,
                batches.interrupted, batches.sparse != null);
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

        /** The best parameters so far, for a checkpoint (absent biases as empty matrices); none before a best. */
        List<double[][]> saved() {
            List<double[][]> saved = new ArrayList<>();
            for (int i = 0; epoch != null && i < best.length; i++) {
                saved.add(best[i] == null ? new double[0][] : best[i].toArray());
            }
            return saved;
        }

        void restore(Checkpoint checkpoint, Function<double[][], Matrix> matrices) {
            epoch = checkpoint.bestEpoch();
            bestCost = checkpoint.bestCost();
            for (int i = 0; i < checkpoint.best().size(); i++) {
                if (best[i] != null) {
                    best[i].assign(matrices.apply(checkpoint.best().get(i)));
                }
            }
        }
    }

    /**
     * Cuts an epoch into batches and steps on each. From loaded rows, batches in the fixed order are blocks of
     * consecutive rows read in place, and shuffled batches are copied into buffers at each step; without loaded
     * rows each batch is converted from the caller's rows into buffers.
     */
    private static final class Batches {

        private final Network network;
        /** The caller's rows, read when nothing is loaded. */
        private final Examples source;
        private final LoadedExamples loaded;
        private final int rows;
        private final int batchRows;
        /** The rows in this epoch's order; null in the fixed order. */
        private final int[] order;
        private final long seed;
        final Updater updater;
        private final double l1;
        private final double l2;
        private final Double maxNorm;
        private final double[] classWeights;
        private final boolean dropsOut;
        /** Plain gradient descent without penalties: the backward pass takes the step. */
        private final boolean stepsInBackward;
        /** The first layer's products skip the rows' zeros through this index; null: they do not. */
        private final SparseInput sparse;
        /** Every batch, in place, in the fixed order from loaded rows; else null. */
        private final Batch[] blocks;
        /** Buffers for full batches and for the smaller last one (the same when the rows divide evenly). */
        private final Batch full;
        private final Batch last;
        /** Whether the listener cut an epoch short. */
        boolean interrupted;

        Batches(Network network, Examples source, LoadedExamples loaded, TrainingOptions options,
                SparseInput sparse) {
            this.network = network;
            this.source = source;
            this.loaded = loaded;
            this.rows = loaded != null ? loaded.rows() : source.rows();
            this.batchRows = options.batchRows(rows);
            boolean shuffled = options.shuffle() && batchRows < rows;
            this.order = shuffled ? new int[rows] : null;
            for (int i = 0; shuffled && i < rows; i++) {
                order[i] = i;
            }
            this.seed = options.seed();
            this.updater = Updater.of(options, network);
            this.l1 = options.regularisation().l1();
            this.l2 = options.l2();
            this.maxNorm = options.regularisation().maxNorm();
            this.classWeights = options.regularisation().classWeights();
            this.dropsOut = network.spec.layers().stream().anyMatch(layer -> layer.dropout() > 0);
            this.stepsInBackward = updater.plainDescent() && l1 == 0 && l2 == 0;
            if (classWeights != null && classWeights.length != Regularisation.classes(network.spec.outputs())) {
                throw new IllegalArgumentException("classWeights: expected " + Regularisation.classes(
                        network.spec.outputs()) + " (one per class), got " + classWeights.length);
            }
            int lastRows = rows - (rows - 1) / batchRows * batchRows;
            this.sparse = sparse;
            Network.Workspace fullWorkspace = network.workspace(batchRows, true).withSparseInput(sparse);
            Network.Workspace lastWorkspace = lastRows == batchRows ? fullWorkspace
                    : network.workspace(lastRows, true).withSparseInput(sparse);
            boolean inPlace = loaded != null && !shuffled;
            this.blocks = inPlace ? new Batch[(rows + batchRows - 1) / batchRows] : null;
            for (int b = 0; inPlace && b < blocks.length; b++) {
                int from = b * batchRows;
                int count = Math.min(batchRows, rows - from);
                blocks[b] = new Batch(loaded.features.rowBlock(from, count), loaded.targets.rowBlock(from, count),
                        count == batchRows ? fullWorkspace : lastWorkspace, rowWeights(count));
            }
            this.full = inPlace ? null : buffer(fullWorkspace, batchRows);
            this.last = inPlace || lastRows == batchRows ? full : buffer(lastWorkspace, lastRows);
        }

        private Batch buffer(Network.Workspace workspace, int count) {
            return new Batch(network.zeros(count, network.spec.inputs()), network.zeros(count, network.spec.outputs()),
                    workspace, rowWeights(count));
        }

        /** A buffer for a batch's row weights when classes are weighted; else null. */
        private Matrix rowWeights(int count) {
            return classWeights == null ? null : network.zeros(count, 1);
        }

        /**
         * One epoch of steps; returns its cost: the mean loss over all rows, each batch's taken before its step,
         * plus the weight penalty of that step. Returns NaN, with {@link #interrupted} set, when the listener
         * interrupts the epoch between two batches.
         */
        double runEpoch(int epoch, double learningRate, EpochListener listener) {
            if (order != null) {
                shuffle(epoch);
            }
            Random dropout = dropsOut ? new Random(seed ^ DROPOUT_SALT ^ (epoch + 1) * EPOCH_MIX) : null;
            double lossSum = 0;
            for (int from = 0, b = 0; from < rows; from += batchRows, b++) {
                if (from > 0 && listener.interrupted()) {
                    interrupted = true;
                    return Double.NaN;
                }
                Batch batch = blocks != null ? blocks[b] : fill(from + batchRows <= rows ? full : last, from);
                Matrix x = batch.features;
                Matrix y = batch.targets;
                if (sparse != null) {
                    sparse.select(order, from, x.rows());
                }
                if (dropsOut) {
                    network.drawDropout(batch.workspace, dropout);
                }
                Matrix predictions = network.forward(x, batch.workspace);
                if (batch.rowWeights != null) {
                    Network.assignRowWeights(batch.rowWeights, y, classWeights);
                    lossSum += predictions.lossSum(network.spec.loss(), y, batch.rowWeights);
                }
                else {
                    lossSum += predictions.lossSum(network.spec.loss(), y);
                }
                if (stepsInBackward) {
                    network.backwardAndStep(x, y, batch.workspace, batch.rowWeights, learningRate);
                }
                else {
                    network.backward(x, y, batch.workspace, batch.rowWeights);
                    if (l1 > 0 || l2 > 0) {
                        lossSum += x.rows() * network.weightPenalty(l1, l2);
                        network.addPenaltyGradients(l1, l2);
                    }
                    updater.step(learningRate);
                }
                if (maxNorm != null) {
                    network.limitUnitNorms(maxNorm);
                }
            }
            return lossSum / rows;
        }

        /**
         * Copies the batch that starts at row {@code from}, in this epoch's order, into the buffer: its features
         * too, unless the first layer reads them from the sparse index.
         */
        private Batch fill(Batch buffer, int from) {
            if (loaded != null) {
                if (sparse == null) {
                    buffer.features.assignRows(loaded.features, order, from);
                }
                buffer.targets.assignRows(loaded.targets, order, from);
            }
            else {
                if (sparse == null) {
                    buffer.features.loadRows(source.features(), order, from);
                }
                buffer.targets.loadRows(source.targets(), order, from);
            }
            return buffer;
        }

        /**
         * Puts the rows in epoch {@code epoch}'s order, drawn from the seed and the epoch alone, so that a run
         * resumed at any epoch sees the same orders as one that never stopped.
         */
        private void shuffle(int epoch) {
            Random random = new Random(seed ^ SHUFFLE_SALT ^ (epoch + 1) * EPOCH_MIX);
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }

    /** A batch's rows, its buffers, and its rows' class weights (null when classes are not weighted). */
    private record Batch(Matrix features, Matrix targets, Network.Workspace workspace, Matrix rowWeights) {
    }
}
