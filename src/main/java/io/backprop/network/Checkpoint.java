package io.backprop.network;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything training needs to go on after {@code epochs} completed epochs exactly as if it had never stopped:
 * the parameters, the optimizer's step count and state (velocities, moments), and early stopping's best epoch,
 * cost and parameters. The rows' order is not kept: each epoch's is drawn from the seed and the epoch number.
 * Numbers are kept as doubles, which hold float32 values exactly too, so a resumed run is bit-identical.
 *
 * @param optimizerState each parameter's state matrices in the optimizer's order, as the engine lays them out
 * @param best early stopping's best parameters, laid out the same way; empty without early stopping or before
 *     a best epoch
 */
public record Checkpoint(int epochs, Parameters parameters, int optimizerSteps, List<double[][]> optimizerState,
        Integer bestEpoch, double bestCost, List<double[][]> best) {

    private static final int VERSION = 1;

    public Checkpoint {
        optimizerState = List.copyOf(optimizerState);
        best = List.copyOf(best);
    }

    /**
     * Little-endian: version, epochs, optimizer steps, best epoch (−1 for none), best cost, then the parameters'
     * layers (weights, biases) and every matrix of the optimizer's state and of the best parameters, each as rows,
     * columns and its values.
     */
    public byte[] encode() {
        List<double[][]> matrices = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            matrices.add(layer.weights());
            matrices.add(layer.biases() == null ? new double[0][] : new double[][] {layer.biases()});
        }
        long bytes = 4L * Integer.BYTES + Double.BYTES + 3L * Integer.BYTES;
        for (List<double[][]> group : List.of(matrices, optimizerState, best)) {
            for (double[][] m : group) {
                bytes += 2L * Integer.BYTES + (long) m.length * (m.length == 0 ? 0 : m[0].length) * Double.BYTES;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION).putInt(epochs).putInt(optimizerSteps).putInt(bestEpoch == null ? -1 : bestEpoch)
                .putDouble(bestCost);
        for (List<double[][]> group : List.of(matrices, optimizerState, best)) {
            out.putInt(group.size());
            group.forEach(m -> put(out, m));
        }
        return out.array();
    }

    public static Checkpoint decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown checkpoint format " + version);
        }
        int epochs = in.getInt();
        int steps = in.getInt();
        int bestEpoch = in.getInt();
        double bestCost = in.getDouble();
        List<double[][]> matrices = group(in);
        List<double[][]> state = group(in);
        List<double[][]> best = group(in);
        List<LayerParameters> layers = new ArrayList<>();
        for (int i = 0; i < matrices.size(); i += 2) {
            double[][] biases = matrices.get(i + 1);
            layers.add(new LayerParameters(matrices.get(i), biases.length == 0 ? null : biases[0]));
        }
        return new Checkpoint(epochs, new Parameters(layers), steps, state, bestEpoch < 0 ? null : bestEpoch,
                bestCost, best);
    }

    private static void put(ByteBuffer out, double[][] m) {
        out.putInt(m.length).putInt(m.length == 0 ? 0 : m[0].length);
        for (double[] row : m) {
            out.asDoubleBuffer().put(row);
            out.position(out.position() + row.length * Double.BYTES);
        }
    }

    private static List<double[][]> group(ByteBuffer in) {
        int count = in.getInt();
        List<double[][]> group = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[][] m = new double[in.getInt()][in.getInt()];
            for (double[] row : m) {
                in.asDoubleBuffer().get(row);
                in.position(in.position() + row.length * Double.BYTES);
            }
            group.add(m);
        }
        return group;
    }
}
