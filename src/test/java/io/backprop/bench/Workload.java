package io.backprop.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.LayerParameters;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.Precision;
import io.backprop.network.TrainingOptions;
import io.backprop.network.WeightInit;

/**
 * One benchmark workload as ../shared/bench/README.md defines it: the network, its initial parameters, the
 * examples and the training settings; {@code costScale} turns the engine's cost into the one the reference
 * reports (W3 reports the mean squared error, twice our ½·mean), {@code flops} is the work of the whole run.
 */
record Workload(String name, NetworkSpec spec, Parameters initial, Examples examples, TrainingOptions options,
        double costScale, double flops) {

    static Workload load(String name, BenchData data) throws IOException {
        return switch (name) {
            case "W1" -> gate(name, data, "w1", List.of(1));
            case "W2" -> gate(name, data, "w2", List.of(3, 1));
            case "W3" -> exam(data);
            case "W4" -> tabular(data);
            case "W5" -> wide(data);
            default -> throw new IllegalArgumentException("no workload " + name);
        };
    }

    private static Workload gate(String name, BenchData data, String file, List<Integer> units) throws IOException {
        double[][] rows = data.csv(file + ".csv");
        NetworkSpec spec = spec(2, units, Activation.SIGMOID, Activation.SIGMOID, true, Loss.SQUARED_ERROR,
                Precision.FLOAT64);
        return new Workload(name, spec, data.initial(file), examples(rows), TrainingOptions.fullBatch(5000, 1.0), 1,
                0);
    }

    /** The tutorial steps by the gradient of ½·Σ(ŷ−y)² at rate 1: our ½·mean over 3 rows at rate 3. */
    private static Workload exam(BenchData data) throws IOException {
        NetworkSpec spec = spec(2, List.of(3, 1), Activation.SIGMOID, Activation.SIGMOID, false, Loss.SQUARED_ERROR,
                Precision.FLOAT64);
        return new Workload("W3", spec, data.initial("w3"), examples(data.csv("w3.csv")),
                TrainingOptions.fullBatch(150_000, 3.0), 2, 0);
    }

    private static Workload tabular(BenchData data) throws IOException {
        double[][] rows = data.csv("w4.csv");
        NetworkSpec spec = spec(20, List.of(64, 64, 1), Activation.RELU, Activation.SIGMOID, true,
                Loss.BINARY_CROSS_ENTROPY, Precision.FLOAT32);
        Examples examples = new Examples(BenchData.columns(rows, 1, 21), BenchData.columns(rows, 0, 1));
        long parameters = spec.parameterCount();
        return new Workload("W4", spec, data.initial("w4"), examples, new TrainingOptions(20, 0.1, 64, false, 0), 1,
                6.0 * parameters * 10_000 * 20);
    }

    private static Workload wide(BenchData data) throws IOException {
        NetworkSpec spec = spec(784, List.of(128, 10), Activation.RELU, Activation.SOFTMAX, true, Loss.CROSS_ENTROPY,
                Precision.FLOAT32);
        Examples examples = new Examples(data.pixels(), data.oneHot("w5_y.csv", 10));
        return new Workload("W5", spec, data.initial("w5"), examples, new TrainingOptions(2, 0.1, 128, false, 0), 1,
                6.0 * spec.parameterCount() * 60_000 * 2);
    }

    private static Examples examples(double[][] rows) {
        int features = rows[0].length - 1;
        return new Examples(BenchData.columns(rows, 0, features), BenchData.columns(rows, features, features + 1));
    }

    private static NetworkSpec spec(int inputs, List<Integer> units, Activation hidden, Activation output,
            boolean bias, Loss loss, Precision precision) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < units.size(); l++) {
            layers.add(new LayerSpec(units.get(l), l == units.size() - 1 ? output : hidden, WeightInit.PLAIN, bias));
        }
        return new NetworkSpec(inputs, layers, loss, precision);
    }

    /** Initial parameters in the engine's float width, so that float32 runs start from the reference's values. */
    Parameters start() {
        return initial;
    }

    static int units(LayerParameters layer) {
        return layer.units();
    }
}
