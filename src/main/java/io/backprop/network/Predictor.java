package io.backprop.network;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers from trained parameters, safely from many threads; each call picks the backend that suits its size.
 * Buffers for small calls (a row or a few, the usual online prediction) are kept and reused: allocating and
 * freeing them cost more than the prediction itself (measured: 90 µs against 5). Large calls run in blocks of
 * rows, so that they hold a block's buffers rather than a copy of all their rows.
 */
public final class Predictor {

    static final int REUSED_ROWS = 16;
    static final int BLOCK_ROWS = 1024;

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
        int rows = features.rows();
        if (rows <= REUSED_ROWS) {
            Network network = network(rows);
            Queue<Pass> passes = idle.computeIfAbsent(rows, count -> new ConcurrentLinkedQueue<>());
            Pass pass = passes.poll();
            if (pass == null) {
                pass = Pass.of(network, rows, network.allocation());
            }
            try {
                pass.input.loadRows(features, null, 0);
                return network.forward(pass.input, pass.workspace).toArray();
            }
            finally {
                passes.offer(pass);
            }
        }
        double[][] outputs = new double[rows][];
        inBlocks(rows, (network, pass, from) -> {
            pass.input.loadRows(features, null, from);
            double[][] block = network.forward(pass.input, pass.workspace).toArray();
            System.arraycopy(block, 0, outputs, from, block.length);
        });
        return outputs;
    }

    /** The mean loss over the examples: the cost the network was trained to lower. */
    public double cost(Examples examples) {
        examples.requireFits(spec);
        double[] lossSum = {0};
        inBlocks(examples.rows(), (network, pass, from) -> {
            pass.input.loadRows(examples.features(), null, from);
            pass.targets.loadRows(examples.targets(), null, from);
            lossSum[0] += network.forward(pass.input, pass.workspace).lossSum(spec.loss(), pass.targets);
        });
        return lossSum[0] / examples.rows();
    }

    /** Runs {@code block} on each block of rows in turn, with buffers made for this call and freed after it. */
    private void inBlocks(int rows, Block block) {
        Network network = network(Math.min(rows, BLOCK_ROWS));
        try (Allocation call = network.allocation()) {
            Pass full = null;
            for (int from = 0; from < rows; from += BLOCK_ROWS) {
                int count = Math.min(BLOCK_ROWS, rows - from);
                if (count == BLOCK_ROWS) {
                    full = full != null ? full : Pass.of(network, count, call);
                }
                block.run(network, count == BLOCK_ROWS ? full : Pass.of(network, count, call), from);
            }
        }
    }

    private interface Block {
        void run(Network network, Pass pass, int from);
    }

    /** Layers are built once per backend and only read afterwards, so calls can share them. */
    private synchronized Network network(int rows) {
        return networks.computeIfAbsent(Backend.choose(spec, rows), backend -> new Network(spec, parameters, backend));
    }

    /** Buffers for calls of one row count: input, targets (for costs), and the layers' outputs. */
    private record Pass(Matrix input, Matrix targets, Network.Workspace workspace) {

        static Pass of(Network network, int rows, Allocation buffers) {
            return new Pass(buffers.zeros(rows, network.spec.inputs()), buffers.zeros(rows, network.spec.outputs()),
                    network.workspace(rows, false, buffers));
        }
    }
}
