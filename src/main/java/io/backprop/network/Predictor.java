package io.backprop.network;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers from trained parameters, safely from many threads; each call picks the backend that suits its size.
 * Buffers are kept and reused for small calls (a row or a few, the usual online prediction) and for a few
 * larger row counts: allocating and freeing them cost more than the prediction itself (measured: 90 µs against
 * 5 for a row; 1,000 rows of W4 took 612 µs with new buffers, 283 with kept ones). Large calls run in blocks of rows, so that they hold a
 * block's buffers rather than a copy of all their rows.
 */
public final class Predictor {

    static final int REUSED_ROWS = 16;
    static final int BLOCK_ROWS = 1024;
    /** Larger row counts (up to a block) whose buffers are kept: a client's batch size tends to repeat. */
    static final int KEPT_SIZES = 2;
    /** The largest buffers kept for a larger row count; larger ones cost little to make beside their work. */
    static final long KEPT_PASS_BYTES = 1 << 20;

    private final NetworkSpec spec;
    private final Parameters parameters;
    private final Map<Backend, Network> networks = new EnumMap<>(Backend.class);
    /** Idle buffers by row count, as many as calls ever ran at once; freed with this predictor. */
    private final Map<Integer, Queue<Pass>> idle = new ConcurrentHashMap<>();

    public Predictor(NetworkSpec spec, Parameters parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** The last layer's outputs, one row per row of {@code features}. */
    public double[][] predict(double[][] features) {
        return predict(RowSource.of(features));
    }

    /** The same, for rows read from {@code features}. */
    public double[][] predict(RowSource features) {
        double[][] outputs = new double[features.rows()][];
        inBlocks(features.rows(), (network, pass, from) -> {
            pass.input.loadRows(features, null, from);
            double[][] block = network.forward(pass.input, pass.workspace).toArray();
            System.arraycopy(block, 0, outputs, from, block.length);
        });
        return outputs;
    }

    /** The mean loss over the examples: the cost the network was trained to lower. */
    public double cost(Examples examples) {
        examples.requireFits(spec);
        return cost(predict(examples.features()), examples.targets().toArray());
    }

    /** The same, for outputs already predicted, against their targets. */
    public double cost(double[][] outputs, double[][] targets) {
        double lossSum = 0;
        for (int i = 0; i < outputs.length; i++) {
            for (int k = 0; k < outputs[i].length; k++) {
                lossSum += spec.loss().of(outputs[i][k], targets[i][k]);
            }
        }
        return lossSum / outputs.length;
    }

    /** The most memory the buffers kept between calls take (those of calls running at once aside). */
    public long keptBytes() {
        return REUSED_ROWS * (REUSED_ROWS + 1L) / 2 * rowBytes() + KEPT_SIZES * KEPT_PASS_BYTES;
    }

    /** A pass's bytes per row: its input and every layer's output. */
    private long rowBytes() {
        long values = spec.inputs();
        for (LayerSpec layer : spec.layers()) {
            values += layer.units();
        }
        return values * (spec.precision() == Precision.FLOAT32 ? Float.BYTES : Double.BYTES);
    }

    /**
     * Runs {@code block} on each block of rows in turn, on kept buffers where there are some; the full blocks of
     * one call share theirs.
     */
    private void inBlocks(int rows, Block block) {
        Pass full = null;
        try {
            for (int from = 0; from < rows; from += BLOCK_ROWS) {
                int count = Math.min(BLOCK_ROWS, rows - from);
                Network network = network(count);
                if (count == BLOCK_ROWS) {
                    full = full != null ? full : take(network, count);
                    block.run(network, full, from);
                    continue;
                }
                Pass pass = take(network, count);
                try {
                    block.run(network, pass, from);
                }
                finally {
                    keep(pass, count);
                }
            }
        }
        finally {
            if (full != null) {
                keep(full, BLOCK_ROWS);
            }
        }
    }

    private Pass take(Network network, int rows) {
        Queue<Pass> kept = idle.get(rows);
        Pass pass = kept == null ? null : kept.poll();
        return pass != null ? pass : Pass.of(network, rows);
    }

    /**
     * Keeps a call's buffers for the next call of its row count: every count up to {@link #REUSED_ROWS} (as many
     * as ever ran at once), and one idle pass each of up to {@link #KEPT_SIZES} larger counts whose buffers take
     * at most {@link #KEPT_PASS_BYTES}; the rest are freed.
     */
    private void keep(Pass pass, int rows) {
        boolean room = rows <= REUSED_ROWS
                || idle.size() < REUSED_ROWS + KEPT_SIZES && rows * rowBytes() <= KEPT_PASS_BYTES;
        Queue<Pass> kept = room ? idle.computeIfAbsent(rows, count -> new ConcurrentLinkedQueue<>()) : idle.get(rows);
        if (kept != null && (rows <= REUSED_ROWS || kept.isEmpty())) {
            kept.offer(pass);
        }
        else {
            pass.buffers.close();
        }
    }

    private interface Block {
        void run(Network network, Pass pass, int from);
    }

    /** Layers are built once per backend and only read afterwards, so calls can share them. */
    private synchronized Network network(int rows) {
        return networks.computeIfAbsent(Backend.choose(spec, rows), backend -> new Network(spec, parameters, backend));
    }

    /** Buffers for calls of one row count: the input and the layers' outputs. */
    private record Pass(Matrix input, Network.Workspace workspace, Allocation buffers) {

        static Pass of(Network network, int rows) {
            Allocation buffers = network.allocation();
            return new Pass(buffers.zeros(rows, network.spec.inputs()), network.workspace(rows, false, buffers),
                    buffers);
        }
    }
}
