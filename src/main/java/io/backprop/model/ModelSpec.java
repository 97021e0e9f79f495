package io.backprop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.Activation;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Precision;
import io.backprop.network.WeightInit;
import io.backprop.preprocessing.Scaling;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model's full specification with every default filled in: what was trained, on what, and how. */
@Schema(description = "The model's specification with every default filled in")
public record ModelSpec(Architecture architecture, TrainingSettings training, Preprocessing preprocessing,
        DatasetSummary dataset,
        @Schema(description = "The model whose trained parameters this one started from, if any") String initFrom) {

    /**
     * The request's choices, and the defaults where it made none; {@code seed} is used when it gave none, and
     * {@code maxSeconds} (the server's limit) when it set no time limit.
     */
    static ModelSpec of(TrainingRequest request, DatasetInput data, long seed, int maxSeconds) {
        Architecture architecture = request.architecture();
        List<Layer> layers = architecture.layers().stream()
                .map(layer -> new Layer(layer.units(), or(layer.activation(), Activation.SIGMOID),
                        or(layer.init(), WeightInit.PLAIN), or(layer.bias(), true), layer.weights(), layer.biases()))
                .toList();
        Preprocessing preprocessing = or(request.preprocessing(), new Preprocessing(null, null, null));
        int targetColumns = data.labels() != null ? 1 : data.targets()[0].length;
        return new ModelSpec(
                new Architecture(layers, or(architecture.loss(), Loss.SQUARED_ERROR),
                        or(architecture.precision(), Precision.FLOAT64)),
                or(request.training(), TrainingSettings.none()).withDefaults(seed, maxSeconds),
                new Preprocessing(or(preprocessing.featureScaling(), Scaling.NONE),
                        or(preprocessing.targetScaling(), Scaling.NONE), or(preprocessing.featureCrosses(), List.of())),
                new DatasetSummary(request.datasetId(), data.rows(), data.featureCount(), targetColumns,
                        data.featureNamesOrDefault(), targetNames(data, targetColumns), data.labels() != null),
                request.initFrom());
    }

    /** The network: its inputs are the feature columns plus one per feature cross. */
    NetworkSpec network() {
        List<LayerSpec> layers = new ArrayList<>();
        for (Layer layer : architecture.layers()) {
            layers.add(new LayerSpec(layer.units(), layer.activation(), layer.init(), layer.bias(), layer.weights(),
                    layer.biases()));
        }
        return new NetworkSpec(dataset.features() + preprocessing.featureCrosses().size(), layers, architecture.loss(),
                architecture.precision());
    }

    Activation outputActivation() {
        return lastLayer().activation();
    }

    Layer lastLayer() {
        return architecture.layers().get(architecture.layers().size() - 1);
    }

    private static List<String> targetNames(DatasetInput data, int columns) {
        if (data.targetNames() != null) {
            return data.targetNames();
        }
        return columns == 1 ? List.of("y")
                : java.util.stream.IntStream.rangeClosed(1, columns).mapToObj(i -> "y" + i).toList();
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
