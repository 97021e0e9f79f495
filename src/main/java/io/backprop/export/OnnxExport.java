package io.backprop.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.backprop.network.Activation;
import io.backprop.network.LayerParameters;
import io.backprop.network.LayerSpec;

/**
 * An ONNX model (opset 13, float32) that computes what the service predicts: raw features in ({@code features},
 * [batch, n]), raw units out ({@code outputs}, [batch, k]: the targets' units, or class probabilities). Crossed
 * features are Gather and Mul nodes, the fitted scalings Sub/Div and Mul/Add nodes, each layer a Gemm (weights
 * units × inputs, so transB = 1) and its activation. Field numbers are those of onnx.proto.
 */
final class OnnxExport {

    private static final int IR_VERSION = 7;
    private static final int OPSET = 13;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;

    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private int names;

    private OnnxExport() {
    }

    static byte[] write(ExportedModel model) {
        return new OnnxExport().model(model);
    }

    private byte[] model(ExportedModel model) {
        String current = "features";
        if (!model.crosses().isEmpty()) {
            List<String> parts = new ArrayList<>(List.of(current));
            for (int[] cross : model.crosses()) {
                String product = null;
                for (int column : cross) {
                    String factor = node("Gather", List.of(current, int64s(new long[] {column})),
                            attribute("axis", 1));
                    product = product == null ? factor : node("Mul", List.of(product, factor));
                }
                parts.add(product);
            }
            current = node("Concat", parts, attribute("axis", 1));
        }
        if (!isIdentity(model.featureOffsets(), model.featureDivisors())) {
            current = node("Sub", List.of(current, floats(model.featureOffsets())));
            current = node("Div", List.of(current, floats(model.featureDivisors())));
        }
        for (int l = 0; l < model.layers().size(); l++) {
            LayerParameters parameters = model.parameters().get(l);
            double[] weights = Arrays.stream(parameters.weights()).flatMapToDouble(Arrays::stream).toArray();
            current = node("Gemm", List.of(current, floats(weights, parameters.units(), parameters.inputs()),
                    floats(model.biases(l))), attribute("transB", 1));
            current = activation(model.layers().get(l), current);
        }
        if (model.targetOffsets() != null && !isIdentity(model.targetOffsets(), model.targetDivisors())) {
            current = node("Mul", List.of(current, floats(model.targetDivisors())));
            current = node("Add", List.of(current, floats(model.targetOffsets())));
        }
        nodes.add(new Protobuf().string(1, current).string(2, "outputs").string(3, "outputs").string(4, "Identity"));
        int inputs = model.featureNames().size();
        int outputs = model.layers().get(model.layers().size() - 1).units();
        Protobuf graph = new Protobuf();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, "backprop");
        initializers.forEach(tensor -> graph.message(5, tensor));
        graph.message(11, tensorInfo("features", inputs)).message(12, tensorInfo("outputs", outputs));
        return new Protobuf().int64(1, IR_VERSION).string(2, "backprop").message(7, graph)
                .message(8, new Protobuf().int64(2, OPSET)).toByteArray();
    }

    private String activation(LayerSpec layer, String input) {
        return switch (layer.activation()) {
            case SIGMOID -> node("Sigmoid", List.of(input));
            case TANH -> node("Tanh", List.of(input));
            case RELU -> node("Relu", List.of(input));
            case LEAKY_RELU -> node("LeakyRelu", List.of(input), attribute("alpha", (float) Activation.LEAKY_SLOPE));
            case IDENTITY -> input;
            case SOFTMAX -> node("Softmax", List.of(input), attribute("axis", 1));
        };
    }

    private static boolean isIdentity(double[] offsets, double[] divisors) {
        return Arrays.stream(offsets).allMatch(v -> v == 0) && Arrays.stream(divisors).allMatch(v -> v == 1);
    }

    /** A node of this type on these inputs; returns the name of its output. */
    private String node(String type, List<String> inputs, Protobuf... attributes) {
        String output = type.toLowerCase() + (names++);
        Protobuf node = new Protobuf();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output).string(3, output).string(4, type);
        for (Protobuf attribute : attributes) {
            node.message(5, attribute);
        }
        nodes.add(node);
        return output;
    }

    private static Protobuf attribute(String name, long value) {
        return new Protobuf().string(1, name).int64(3, value).int64(20, ATTRIBUTE_INT);
    }

    private static Protobuf attribute(String name, float value) {
        return new Protobuf().string(1, name).float32(2, value).int64(20, ATTRIBUTE_FLOAT);
    }

    /** A float32 initializer of these values and dimensions (one dimension, their count, by default). */
    private String floats(double[] values, long... dimensions) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            raw.putFloat((float) value);
        }
        return initializer(FLOAT, raw.array(), dimensions.length == 0 ? new long[] {values.length} : dimensions);
    }

    private String int64s(long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            raw.putLong(value);
        }
        return initializer(INT64, raw.array(), new long[] {values.length});
    }

    private String initializer(int type, byte[] raw, long[] dimensions) {
        String name = "c" + (names++);
        Protobuf tensor = new Protobuf();
        for (long dimension : dimensions) {
            tensor.int64(1, dimension);
        }
        initializers.add(tensor.int64(2, type).string(8, name).bytes(9, raw));
        return name;
    }

    /** A float32 tensor of shape [batch, columns]. */
    private static Protobuf tensorInfo(String name, int columns) {
        Protobuf shape = new Protobuf().message(1, new Protobuf().string(2, "batch"))
                .message(1, new Protobuf().int64(1, columns));
        Protobuf tensor = new Protobuf().int64(1, FLOAT).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensor));
    }
}
