package io.backprop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.dataset.DatasetChecks;
import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.DatasetService;
import io.backprop.network.Activation;
import io.backprop.network.LayerParameters;
import io.backprop.network.Loss;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.ClassLabels;
import io.backprop.preprocessing.Scaling;
import io.backprop.system.FieldViolation;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;
import io.backprop.training.TrainingProperties;
import io.backprop.web.InvalidRequestException;

/**
 * Checks a training request before anything is stored or queued, and reports every violation at once: the
 * data, its fit to the output layer (class labels need a matching softmax or sigmoid output), the
 * preprocessing, the network's shapes, the training settings, and the configured limits.
 */
@Component
class TrainingRequestValidator {

    private final RequestLimits limits;
    private final DatasetService datasets;
    private final TrainedModels trained;
    private final TrainingProperties training;

    TrainingRequestValidator(RequestLimits limits, DatasetService datasets, TrainedModels trained,
            TrainingProperties training) {
        this.limits = limits;
        this.datasets = datasets;
        this.trained = trained;
        this.training = training;
    }

    /** A request that passed every check: the examples to train on and, to continue a model, where to start. */
    record ValidRequest(DatasetInput rows, Parameters start) {
    }

    /** Returns the examples to train on (inline or stored) once the whole request is valid. */
    ValidRequest validate(TrainingRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        DatasetChecks.checkName("name", request.name(), violations);
        DatasetInput data = data(request, violations);
        int inputs = data == null ? -1 : checkPreprocessing(request.preprocessing(), data, violations);
        checkArchitecture(request.architecture(), inputs, violations);
        if (data != null && usable(request.architecture())) {
            checkTargetsFitOutput(data, request.architecture(), request.preprocessing(), violations);
        }
        checkTraining(request.training(), violations);
        Parameters start = request.initFrom() == null ? null
                : checkInitFrom(request.initFrom(), request.architecture(), inputs, violations);
        InvalidRequestException.throwIfAny(violations);
        return new ValidRequest(data, start);
    }

    /** Rows to evaluate a trained model on: its feature columns, and targets or labels it knows. */
    void validateEvaluation(TrainedModel model, DatasetInput rows) {
        List<FieldViolation> violations = new ArrayList<>();
        DatasetChecks.check("", rows, limits, violations);
        DatasetSummary trained = model.spec().dataset();
        if (violations.isEmpty()) {
            MatrixChecks.check("features", rows.features(), trained.features(), limits.maxRows(), limits.maxColumns(),
                    violations);
            if (rows.targets() != null && !trained.labels()) {
                MatrixChecks.check("targets", rows.targets(), trained.targets(), limits.maxRows(),
                        limits.maxColumns(), violations);
            }
        }
        if (violations.isEmpty() && !model.classifier() && rows.labels() != null) {
            violations.add(FieldViolation.of("labels", rows.labels().size() + " labels", "this model is a "
                    + "regression model: give targets, " + trained.targets() + " per row"));
        }
        if (violations.isEmpty() && model.classifier()) {
            List<?> labels = PreparedData.classLabels(model.spec(), rows);
            ClassLabels classes = new ClassLabels(model.preparation().classes());
            if (labels == null && trained.labels()) {
                violations.add(FieldViolation.of("labels", null, "give the class of each row"));
            }
            for (int i = 0; labels != null && i < labels.size(); i++) {
                if (classes.indexOf(labels.get(i)) < 0) {
                    violations.add(FieldViolation.of("labels[" + i + "]", labels.get(i), "is not one of the model's "
                            + "classes " + classes.classes()));
                    break;
                }
            }
        }
        InvalidRequestException.throwIfAny(violations);
    }

    private DatasetInput data(TrainingRequest request, List<FieldViolation> violations) {
        if ((request.dataset() == null) == (request.datasetId() == null)) {
            violations.add(FieldViolation.of("dataset", null, "give either dataset or datasetId"));
            return null;
        }
        if (request.datasetId() != null) {
            DatasetInput stored = datasets.rows(request.datasetId()).orElse(null);
            if (stored == null) {
                violations.add(FieldViolation.of("datasetId", request.datasetId(), "no stored data set has this id"));
            }
            return stored;
        }
        int before = violations.size();
        DatasetChecks.check("dataset", request.dataset(), limits, violations);
        return violations.size() == before ? request.dataset() : null;
    }

    /** Returns the number of network inputs: the feature columns plus one per cross. */
    private int checkPreprocessing(Preprocessing preprocessing, DatasetInput data, List<FieldViolation> violations) {
        if (preprocessing == null) {
            return data.featureCount();
        }
        List<List<String>> crosses = preprocessing.featureCrosses() == null ? List.of()
                : preprocessing.featureCrosses();
        List<String> names = data.featureNamesOrDefault();
        for (int c = 0; c < crosses.size(); c++) {
            List<String> cross = crosses.get(c);
            String field = "preprocessing.featureCrosses[" + c + "]";
            if (cross == null || cross.size() < 2) {
                violations.add(FieldViolation.of(field, cross, "must multiply at least 2 features, e.g. [\"x1\",\"x2\"]"));
            }
            else if (!names.containsAll(cross)) {
                violations.add(FieldViolation.of(field, cross, "must name features among " + names));
            }
        }
        int inputs = data.featureCount() + crosses.size();
        if (inputs > limits.maxColumns()) {
            violations.add(FieldViolation.of("preprocessing.featureCrosses", crosses.size() + " crosses",
                    "must leave at most " + limits.maxColumns() + " inputs in all"));
        }
        return inputs;
    }

    private void checkTargetsFitOutput(DatasetInput data, Architecture architecture, Preprocessing preprocessing,
            List<FieldViolation> violations) {
        Layer last = architecture.layers().get(architecture.layers().size() - 1);
        String field = "architecture.layers[" + (architecture.layers().size() - 1) + "]";
        Activation output = Objects.requireNonNullElse(last.activation(), Activation.SIGMOID);
        boolean classNumbers = data.labels() == null && output == Activation.SOFTMAX && last.units() > 1
                && data.targets()[0].length == 1;
        if (data.labels() != null || classNumbers) {
            if (classNumbers && !integral(data.targets())) {
                violations.add(FieldViolation.of("dataset.targets", "1 column", "a single target column under a "
                        + "softmax of " + last.units() + " units holds class numbers, which must be integers"));
                return;
            }
            int classes = data.labels() != null ? ClassLabels.of(data.labels()).size()
                    : ClassLabels.of(PreparedData.classNumbers(data.targets())).size();
            boolean fits = output == Activation.SOFTMAX ? last.units() == classes
                    : output == Activation.SIGMOID && last.units() == 1 && classes == 2;
            if (!fits) {
                violations.add(FieldViolation.of(field + ".units", last.units(), "the data has " + classes
                        + " classes: use a softmax output with " + classes + " units"
                        + (classes == 2 ? " or one sigmoid unit" : "")));
            }
            if (preprocessing != null && preprocessing.targetScaling() != null
                    && preprocessing.targetScaling() != Scaling.NONE) {
                violations.add(FieldViolation.of("preprocessing.targetScaling", preprocessing.targetScaling(),
                        "applies to regression only, not to class labels"));
            }
        }
        else if (data.targets()[0].length != last.units()) {
            violations.add(FieldViolation.of("dataset.targets", data.targets()[0].length + " columns",
                    "must have one column per unit of the last layer (" + last.units() + ")"));
        }
    }

    private void checkArchitecture(Architecture architecture, int features, List<FieldViolation> violations) {
        if (architecture == null) {
            violations.add(FieldViolation.of("architecture", null, "is required"));
            return;
        }
        List<Layer> layers = architecture.layers();
        if (layers == null || layers.isEmpty() || layers.size() > limits.maxLayers()) {
            violations.add(FieldViolation.of("architecture.layers", layers == null ? null : layers.size() + " layers",
                    "must have between 1 and " + limits.maxLayers() + " layers"));
            return;
        }
        int inputs = features;
        long parameters = 0;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String field = "architecture.layers[" + l + "]";
            if (layer == null || layer.units() == null || layer.units() < 1 || layer.units() > limits.maxUnits()) {
                violations.add(FieldViolation.of(field + ".units", layer == null ? null : layer.units(),
                        "must be between 1 and " + limits.maxUnits()));
                inputs = -1;
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
        Loss loss = Objects.requireNonNullElse(architecture.loss(), Loss.SQUARED_ERROR);
        Activation output = last == null || last.activation() == null ? Activation.SIGMOID : last.activation();
        if (loss.requiredOutput() != null && loss.requiredOutput() != output) {
            violations.add(FieldViolation.of("architecture.loss", loss, "needs a " + loss.requiredOutput()
                    + " output layer, but the last layer is " + output));
        }
    }

    private static boolean usable(Architecture architecture) {
        return architecture != null && architecture.layers() != null && !architecture.layers().isEmpty()
                && architecture.layers().stream().allMatch(layer -> layer != null && layer.units() != null);
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
        Double split = training.validationSplit();
        if (split != null && !(split >= 0 && split < 1)) {
            violations.add(FieldViolation.of("training.validationSplit", split, "must be at least 0 and below 1"));
        }
        checkOptimizer(training, violations);
        checkSchedule(training.learningRateSchedule(), violations);
        if (training.l2() != null && !(training.l2() >= 0 && Double.isFinite(training.l2()))) {
            violations.add(FieldViolation.of("training.l2", training.l2(), "must be a finite number ≥ 0"));
        }
        long serverLimit = this.training.maxDuration().toSeconds();
        if (training.maxSeconds() != null && (training.maxSeconds() < 1 || training.maxSeconds() > serverLimit)) {
            violations.add(FieldViolation.of("training.maxSeconds", training.maxSeconds(), "must be between 1 and "
                    + serverLimit + " (the server's limit)"));
        }
        TrainingSettings.EarlyStoppingSettings stopping = training.earlyStopping();
        if (stopping != null) {
            if (stopping.patience() == null || stopping.patience() < 1 || stopping.patience() > limits.maxEpochs()) {
                violations.add(FieldViolation.of("training.earlyStopping.patience", stopping.patience(),
                        "must be between 1 and " + limits.maxEpochs()));
            }
            if (stopping.minDelta() != null && !(stopping.minDelta() >= 0 && Double.isFinite(stopping.minDelta()))) {
                violations.add(FieldViolation.of("training.earlyStopping.minDelta", stopping.minDelta(),
                        "must be a finite number ≥ 0"));
            }
        }
    }

    /** An optimizer's parameters belong to it alone, so that a misplaced one is not silently ignored. */
    private static void checkOptimizer(TrainingSettings training, List<FieldViolation> violations) {
        OptimizerName rule = Objects.requireNonNullElse(training.optimizer(), OptimizerName.SGD);
        checkFraction("training.momentum", training.momentum(), rule == OptimizerName.MOMENTUM, "momentum",
                violations);
        if (training.nesterov() != null && rule != OptimizerName.MOMENTUM) {
            violations.add(FieldViolation.of("training.nesterov", training.nesterov(),
                    "applies to the momentum optimizer only"));
        }
        checkFraction("training.beta1", training.beta1(), rule == OptimizerName.ADAM, "adam", violations);
        checkFraction("training.beta2", training.beta2(), rule == OptimizerName.ADAM, "adam", violations);
        Double epsilon = training.epsilon();
        if (epsilon != null && rule != OptimizerName.ADAM) {
            violations.add(FieldViolation.of("training.epsilon", epsilon, "applies to the adam optimizer only"));
        }
        else if (epsilon != null && !(epsilon > 0 && Double.isFinite(epsilon))) {
            violations.add(FieldViolation.of("training.epsilon", epsilon, "must be a positive finite number"));
        }
    }

    private static void checkFraction(String field, Double value, boolean applies, String optimizer,
            List<FieldViolation> violations) {
        if (value != null && !applies) {
            violations.add(FieldViolation.of(field, value, "applies to the " + optimizer + " optimizer only"));
        }
        else if (value != null && !(value >= 0 && value < 1)) {
            violations.add(FieldViolation.of(field, value, "must be at least 0 and below 1"));
        }
    }

    private static void checkSchedule(ScheduleSettings schedule, List<FieldViolation> violations) {
        if (schedule == null) {
            return;
        }
        if (schedule.type() == null) {
            violations.add(FieldViolation.of("training.learningRateSchedule.type", null,
                    "is required: constant, step, exponential or inverse_time"));
            return;
        }
        Double gamma = schedule.gamma();
        boolean decay = schedule.type() == ScheduleSettings.Type.STEP
                || schedule.type() == ScheduleSettings.Type.EXPONENTIAL;
        if (decay && (gamma == null || !(gamma > 0 && gamma <= 1))) {
            violations.add(FieldViolation.of("training.learningRateSchedule.gamma", gamma,
                    "must be above 0 and at most 1 for " + schedule.type()));
        }
        if (schedule.type() == ScheduleSettings.Type.INVERSE_TIME
                && (gamma == null || !(gamma >= 0 && Double.isFinite(gamma)))) {
            violations.add(FieldViolation.of("training.learningRateSchedule.gamma", gamma,
                    "must be a finite number ≥ 0 for inverse_time"));
        }
        if (schedule.stepEpochs() != null && schedule.stepEpochs() < 1) {
            violations.add(FieldViolation.of("training.learningRateSchedule.stepEpochs", schedule.stepEpochs(),
                    "must be at least 1"));
        }
    }

    /** The trained parameters to continue from, if that model exists, has finished and has this architecture. */
    private Parameters checkInitFrom(String id, Architecture architecture, int inputs,
            List<FieldViolation> violations) {
        TrainedModel source;
        try {
            source = trained.get(id);
        }
        catch (ErrorResponseException e) {
            violations.add(FieldViolation.of("initFrom", id, e.getBody().getDetail()));
            return null;
        }
        if (!usable(architecture) || inputs < 0) {
            return null;
        }
        List<LayerParameters> layers = source.parameters().layers();
        String difference = layers.size() != architecture.layers().size()
                ? architecture.layers().size() + " layers here, " + layers.size() + " there" : null;
        int previous = inputs;
        for (int l = 0; difference == null && l < layers.size(); l++) {
            Layer layer = architecture.layers().get(l);
            LayerParameters trainedLayer = layers.get(l);
            boolean bias = !Boolean.FALSE.equals(layer.bias());
            if (layer.units() != trainedLayer.units() || previous != trainedLayer.inputs()
                    || bias != (trainedLayer.biases() != null)) {
                difference = "layer " + l + " is " + layer.units() + " × " + previous + (bias ? " with" : " without")
                        + " bias here, " + trainedLayer.units() + " × " + trainedLayer.inputs()
                        + (trainedLayer.biases() != null ? " with" : " without") + " bias there";
            }
            if (layer.weights() != null || layer.biases() != null) {
                violations.add(FieldViolation.of("architecture.layers[" + l + "].weights", "explicit values",
                        "must be absent with initFrom, which supplies the starting parameters"));
            }
            previous = layer.units();
        }
        if (difference != null) {
            violations.add(FieldViolation.of("initFrom", id, "must have the same architecture as this request: "
                    + difference));
            return null;
        }
        return source.parameters();
    }

    private static boolean integral(double[][] column) {
        for (double[] row : column) {
            if (row[0] != Math.rint(row[0])) {
                return false;
            }
        }
        return true;
    }
}
