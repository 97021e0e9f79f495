package io.backprop.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;

/**
 * How trained parameters are stored: a compact binary form of the project's own, independent of the engine's
 * classes, 8 bytes per number and exact. Little-endian: the format version (int, 1), the layer count (int), then
 * per layer its units and inputs (ints), whether it has biases (byte 0/1), its weights row by row
 * ({@code weights[j][i]}, units × inputs float64) and its biases (units float64).
 */
public final class ParametersCodec {

    private static final int VERSION = 1;

    private ParametersCodec() {
    }

    /** Bytes the parameters of this many layers and numbers take. */
    public static long size(int layers, long numbers) {
        return 8 + layers * 9L + numbers * Double.BYTES;
    }

    public static byte[] encode(Parameters parameters) {
        long numbers = 0;
        for (LayerParameters layer : parameters.layers()) {
            numbers += (long) layer.units() * layer.inputs() + (layer.biases() == null ? 0 : layer.units());
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size(parameters.layers().size(), numbers)))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION).putInt(parameters.layers().size());
        for (LayerParameters layer : parameters.layers()) {
            out.putInt(layer.units()).putInt(layer.inputs()).put((byte) (layer.biases() == null ? 0 : 1));
            for (double[] row : layer.weights()) {
                out.asDoubleBuffer().put(row);
                out.position(out.position() + row.length * Double.BYTES);
            }
            if (layer.biases() != null) {
                out.asDoubleBuffer().put(layer.biases());
                out.position(out.position() + layer.biases().length * Double.BYTES);
            }
        }
        return out.array();
    }

    public static Parameters decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("stored parameters have format version " + version + ", not "
                    + VERSION);
        }
        int count = in.getInt();
        List<LayerParameters> layers = new ArrayList<>(count);
        for (int l = 0; l < count; l++) {
            int units = in.getInt();
            int inputs = in.getInt();
            boolean bias = in.get() == 1;
            double[][] weights = new double[units][inputs];
            for (double[] row : weights) {
                in.asDoubleBuffer().get(row);
                in.position(in.position() + inputs * Double.BYTES);
            }
            double[] biases = bias ? new double[units] : null;
            if (bias) {
                in.asDoubleBuffer().get(biases);
                in.position(in.position() + units * Double.BYTES);
            }
            layers.add(new LayerParameters(weights, biases));
        }
        return new Parameters(layers);
    }
}
