package io.backprop.model;

import java.util.ArrayList;
import java.util.List;

import io.backprop.data.Scaling;
import io.backprop.dataset.DatasetInput;
import io.backprop.network.Activation;
import io.backprop.network.EarlyStopping;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Precision;
import io.backprop.network.TrainingOptions;
import io.backprop.network.WeightInit;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model's full specification with every default filled in: what was trained, on what, and how. */
@Schema(description = "The model's specification with every default filled in")
public record ModelSpec(Architecture architecture, TrainingSettings training, Preprocessing preprocessing,
        DatasetSummary dataset) {

    static final int DEFAULT_EPOCHS = 1000;
    static final double DEFAULT_LEARNING_RATE = 0.1;

    /** The request's choices, and the defaults where it made none; {@code seed} is used when it gave none. */
    static ModelSpec of(TrainingRequest request, DatasetInput data, long seed) {
        Architecture architecture = request.architecture();
        List<Layer> layers = architecture.layers().stream()
                .map(layer -> new Layer(layer.units(), or(layer.activation(), Activation.SIGMOID),
                        or(layer.init(), WeightInit.PLAIN), or(layer.bias(), true), layer.weights(), layer.biases()))
                .toList();
        TrainingSettings training = or(request.training(),
                new TrainingSettings(null, null, null, null, null, null, null));
        TrainingSettings.EarlyStoppingSettings stopping = training.earlyStopping() == null ? null
                : new TrainingSettings.EarlyStoppingSettings(training.earlyStopping().patience(),
                        or(training.earlyStopping().minDelta(), 0.0));
        Preprocessing preprocessing = or(request.preprocessing(), new Preprocessing(null, null, null));
        int targetColumns = data.labels() != null ? 1 : data.targets()[0].length;
        return new ModelSpec(
                new Architecture(layers, or(architecture.loss(), Loss.SQUARED_ERROR),
                        or(architecture.precision(), Precision.FLOAT64)),
                new TrainingSettings(or(training.epochs(), DEFAULT_EPOCHS),
                        or(training.learningRate(), DEFAULT_LEARNING_RATE), training.batchSize(),
                        or(training.shuffle(), true), or(training.seed(), seed), or(training.validationSplit(), 0.0),
                        stopping),
                new Preprocessing(or(preprocessing.featureScaling(), Scaling.NONE),
                        or(preprocessing.targetScaling(), Scaling.NONE), or(preprocessing.featureCrosses(), List.of())),
                new DatasetSummary(request.datasetId(), data.rows(), data.featureCount(), targetColumns,
                        data.featureNamesOrDefault(), targetNames(data, targetColumns), data.labels() != null));
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

    TrainingOptions options() {
        EarlyStopping stopping = training.earlyStopping() == null ? null
                : new EarlyStopping(training.earlyStopping().patience(), training.earlyStopping().minDelta());
        return new TrainingOptions(training.epochs(), training.learningRate(), training.batchSize(),
                training.shuffle(), training.seed()).withEarlyStopping(stopping);
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
        return value != null ? value : fallback;
    }
}
