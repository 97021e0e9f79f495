package io.backprop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.backprop.network.Activation;
import io.backprop.network.LayerSpec;
import io.backprop.network.Loss;
import io.backprop.network.NetworkSpec;
import io.backprop.network.Parameters;
import io.backprop.network.Precision;
import io.backprop.network.TrainingOptions;
import io.backprop.network.WeightInit;
import io.backprop.training.TrainingTask;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model's full specification with every default filled in: what was trained, and how. */
@Schema(description = "The model's specification with every default filled in")
public record ModelSpec(Architecture architecture, TrainingSettings training, DatasetSummary dataset) {

    static final int DEFAULT_EPOCHS = 1000;
    static final double DEFAULT_LEARNING_RATE = 0.1;

    /** The request's choices, and the defaults where it made none; {@code seed} is used when it gave none. */
    static ModelSpec of(TrainingRequest request, long seed) {
        Architecture architecture = request.architecture();
        List<Layer> layers = architecture.layers().stream()
                .map(layer -> new Layer(layer.units(), or(layer.activation(), Activation.SIGMOID),
                        or(layer.init(), WeightInit.PLAIN), or(layer.bias(), true), layer.weights(), layer.biases()))
                .toList();
        TrainingSettings training = request.training() == null
                ? new TrainingSettings(null, null, null, null, null) : request.training();
        DatasetInput dataset = request.dataset();
        int features = dataset.features()[0].length;
        List<String> names = dataset.featureNames() != null ? dataset.featureNames()
                : IntStream.rangeClosed(1, features).mapToObj(i -> "x" + i).toList();
        return new ModelSpec(
                new Architecture(layers, or(architecture.loss(), Loss.SQUARED_ERROR),
                        or(architecture.precision(), Precision.FLOAT64)),
                new TrainingSettings(or(training.epochs(), DEFAULT_EPOCHS),
                        or(training.learningRate(), DEFAULT_LEARNING_RATE), training.batchSize(),
                        or(training.shuffle(), true), or(training.seed(), seed)),
                new DatasetSummary(dataset.features().length, features, dataset.targets()[0].length, names));
    }

    NetworkSpec network() {
        List<LayerSpec> layers = new ArrayList<>();
        for (Layer layer : architecture.layers()) {
            layers.add(new LayerSpec(layer.units(), layer.activation(), layer.init(), layer.bias(), layer.weights(),
                    layer.biases()));
        }
        return new NetworkSpec(dataset.features(), layers, architecture.loss(), architecture.precision());
    }

    TrainingOptions options() {
        return new TrainingOptions(training.epochs(), training.learningRate(), training.batchSize(),
                training.shuffle(), training.seed());
    }

    /** The job that trains this spec on {@code rows} from its seeded initial parameters. */
    TrainingTask trainingTask(String modelId, DatasetRows rows) {
        NetworkSpec network = network();
        return new TrainingTask(modelId, network, Parameters.initial(network, training.seed()), rows.examples(),
                options());
    }

    Activation outputActivation() {
        return architecture.layers().get(architecture.layers().size() - 1).activation();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
