package io.backprop.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.springframework.stereotype.Component;

import io.backprop.network.Activation;
import io.backprop.network.Loss;
import io.backprop.system.FieldViolation;
import io.backprop.system.InvalidRequestException;
import io.backprop.system.RequestLimits;

/**
 * Checks a training request before anything is stored or queued, and reports every violation at once: shapes,
 * finite numbers, the loss against the output layer, and the configured limits on rows, columns, layers,
 * units, parameters and epochs.
 */
@Component
class TrainingRequestValidator {

    private static final int MAX_NAME_LENGTH = 200;

    private final RequestLimits limits;

    TrainingRequestValidator(RequestLimits limits) {
        this.limits = limits;
    }

    void validate(TrainingRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request.name() != null && request.name().length() > MAX_NAME_LENGTH) {
            violations.add(FieldViolation.of("name", request.name(), "must be at most " + MAX_NAME_LENGTH
                    + " characters"));
        }
        int features = checkFeatures(request.dataset(), violations);
        int outputs = checkArchitecture(request.architecture(), features, violations);
        checkTargets(request.dataset(), outputs, violations);
        checkTraining(request.training(), violations);
        InvalidRequestException.throwIfAny(violations);
    }

    /** Returns the number of feature columns, or -1 when the features are unusable. */
    private int checkFeatures(DatasetInput dataset, List<FieldViolation> violations) {
        if (dataset == null) {
            violations.add(FieldViolation.of("dataset", null, "is required"));
            return -1;
        }
        int columns = MatrixChecks.check("dataset.features", dataset.features(), -1, limits.maxRows(),
                limits.maxColumns(), violations);
        List<String> names = dataset.featureNames();
        if (names != null && columns > 0) {
            if (names.size() != columns) {
                violations.add(FieldViolation.of("dataset.featureNames", names, "must name each of the "
                        + columns + " feature columns"));
            }
            else if (names.stream().anyMatch(name -> name == null || name.isBlank())
                    || new HashSet<>(names).size() != names.size()) {
                violations.add(FieldViolation.of("dataset.featureNames", names, "must be distinct and not blank"));
            }
        }
        return columns;
    }

    private void checkTargets(DatasetInput dataset, int outputs, List<FieldViolation> violations) {
        if (dataset == null) {
            return;
        }
        double[][] targets = dataset.targets();
        int rows = dataset.features() == null ? -1 : dataset.features().length;
        if (targets != null && rows >= 0 && targets.length != rows) {
            violations.add(FieldViolation.of("dataset.targets", targets.length + " rows",
                    "must have one row per features row (" + rows + ")"));
            return;
        }
        MatrixChecks.check("dataset.targets", targets, outputs, limits.maxRows(), limits.maxColumns(), violations);
    }

    /** Returns the last layer's units, or -1 when the architecture is unusable. */
    private int checkArchitecture(Architecture architecture, int features, List<FieldViolation> violations) {
        if (architecture == null) {
            violations.add(FieldViolation.of("architecture", null, "is required"));
            return -1;
        }
        List<Layer> layers = architecture.layers();
        if (layers == null || layers.isEmpty() || layers.size() > limits.maxLayers()) {
            violations.add(FieldViolation.of("architecture.layers", layers == null ? null : layers.size() + " layers",
                    "must have between 1 and " + limits.maxLayers() + " layers"));
            return -1;
        }
        int inputs = features;
        long parameters = 0;
        boolean usable = true;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String field = "architecture.layers[" + l + "]";
            if (layer == null || layer.units() == null || layer.units() < 1 || layer.units() > limits.maxUnits()) {
                violations.add(FieldViolation.of(field + ".units", layer == null ? null : layer.units(),
                        "must be between 1 and " + limits.maxUnits()));
                usable = false;
                continue;
            }
            checkExplicitParameters(field, layer, inputs, violations);
            if (inputs > 0) {
                parameters += (long) layer.units() * inputs + (Boolean.FALSE.equals(layer.bias()) ? 0 : layer.units());
            }
            inputs = layer.units();
        }
        if (parameters > limits.maxParameters()) {
            violations.add(FieldViolation.of("architecture.layers", parameters + " parameters",
                    "must have at most " + limits.maxParameters() + " weights and biases in all"));
        }
        Layer last = layers.get(layers.size() - 1);
        Loss loss = architecture.loss() == null ? Loss.SQUARED_ERROR : architecture.loss();
        Activation output = last == null || last.activation() == null ? Activation.SIGMOID : last.activation();
        if (loss.requiredOutput() != null && loss.requiredOutput() != output) {
            violations.add(FieldViolation.of("architecture.loss", loss, "needs a " + loss.requiredOutput()
                    + " output layer, but the last layer is " + output));
        }
        return usable ? last.units() : -1;
    }

    private void checkExplicitParameters(String field, Layer layer, int inputs, List<FieldViolation> violations) {
        if (layer.weights() != null && inputs > 0) {
            if (layer.weights().length != layer.units()) {
                violations.add(FieldViolation.of(field + ".weights", layer.weights().length + " rows",
                        "must have one row per unit (" + layer.units() + " × " + inputs + ", units × inputs)"));
            }
            else {
                MatrixChecks.check(field + ".weights", layer.weights(), inputs, layer.units(), inputs, violations);
            }
        }
        if (layer.biases() != null) {
            if (Boolean.FALSE.equals(layer.bias())) {
                violations.add(FieldViolation.of(field + ".biases", layer.biases(), "must be absent when bias is false"));
            }
            else if (layer.biases().length != layer.units()) {
                violations.add(FieldViolation.of(field + ".biases", layer.biases(), "must have one value per unit ("
                        + layer.units() + ")"));
            }
            MatrixChecks.checkFinite(field + ".biases", layer.biases(), violations);
        }
    }

    private void checkTraining(TrainingSettings training, List<FieldViolation> violations) {
        if (training == null) {
            return;
        }
        if (training.epochs() != null && (training.epochs() < 1 || training.epochs() > limits.maxEpochs())) {
            violations.add(FieldViolation.of("training.epochs", training.epochs(), "must be between 1 and "
                    + limits.maxEpochs()));
        }
        Double rate = training.learningRate();
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            violations.add(FieldViolation.of("training.learningRate", rate, "must be a positive finite number"));
        }
        if (training.batchSize() != null && training.batchSize() < 1) {
            violations.add(FieldViolation.of("training.batchSize", training.batchSize(), "must be at least 1"));
        }
    }
}
