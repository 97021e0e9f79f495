package io.backprop.model.spec;

import java.util.List;

import io.backprop.dataset.DatasetChecks;
import io.backprop.dataset.RowSet;
import io.backprop.network.Activation;
import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import io.backprop.preprocessing.LabelEncoding;

/**
 * Checks a filled-in spec, section by section, and reports every violation at once: the name, the
 * preprocessing, the architecture, the training settings, how the data fits the output layer, and the
 * parameters a continued training starts from. No I/O and no defaults here: the rows and the starting
 * parameters have been read, and the defaults filled in, before.
 */
public final class SpecValidator {

    /**
     * @param rows the training rows, or null when they could not be read (already reported)
     * @param start the parameters a continued training starts from, or null
     */
    public void check(Checks checks, String name, ModelSpec spec, RowSet rows, Parameters start) {
        DatasetChecks.checkModelName("name", name, checks.violations());
        int inputs = rows == null ? -1 : spec.preprocessing().check(checks, spec.dataset().featureNames());
        Architecture architecture = spec.architecture();
        if (architecture == null) {
            checks.add("architecture", null, "is required");
        }
        else {
            architecture.check(checks, inputs);
            if (rows != null && architecture.usable()) {
                checkLabels(checks, spec, rows);
            }
            if (start != null && architecture.usable() && inputs > 0) {
                checkStart(checks, spec, inputs, start);
            }
        }
        spec.training().check(checks);
        Integer folds = spec.training().crossValidation() == null ? null : spec.training().crossValidation().folds();
        if (rows != null && folds != null && folds > rows.rows()) {
            checks.add("training.crossValidation.folds", folds, "must be at most the rows (" + rows.rows() + ")");
        }
    }

    /** How the data fits the output layer: classes need a matching softmax or single sigmoid, targets its width. */
    static void checkLabels(Checks checks, ModelSpec spec, RowSet rows) {
        Activation output = spec.outputActivation();
        int units = spec.outputUnits();
        String layer = "architecture.layers[" + (spec.architecture().layers().size() - 1) + "]";
        List<?> labels = LabelEncoding.labels(output, units, rows.labels(), rows.targets());
        if (labels == null) {
            if (rows.targets()[0].length != units) {
                checks.add("dataset.targets", rows.targets()[0].length + " columns",
                        "must have one column per unit of the last layer (" + units + ")");
            }
            LabelEncoding indicators = LabelEncoding.detect(output, units, null, rows.targets());
            checkClassCount(checks, indicators, "dataset.targets");
            checkClassWeights(checks, spec.training().classWeights(), indicators);
            return;
        }
        if (rows.labels() == null && !integral(rows.targets())) {
            checks.add("dataset.targets", "1 column", "a single target column under a softmax of " + units
                    + " units holds class numbers, which must be integers");
            return;
        }
        int classes = LabelEncoding.count(labels);
        if (classes < 2) {
            // a data set of one class is fine to evaluate or predict; only training needs two
            checks.add(rows.labels() != null ? "dataset.labels" : "dataset.targets", "1 class", "the rows are all of "
                    + "class " + labels.get(0) + ": a classifier learns from rows of at least 2 classes");
            return;
        }
        boolean fits = output == Activation.SOFTMAX ? units == classes
                : output == Activation.SIGMOID && units == 1 && classes == 2;
        if (!fits) {
            checks.add(layer + ".units", units, "the data has " + classes + " classes: use a softmax output with "
                    + classes + " units" + (classes == 2 ? " or one sigmoid unit" : ""));
        }
        if (spec.preprocessing().scalesTargets()) {
            checks.add("preprocessing.targetScaling", spec.preprocessing().targetScaling(),
                    "applies to regression only, not to class labels");
        }
        LabelEncoding encoding = LabelEncoding.detect(output, units, rows.labels(), rows.targets());
        checkClassCount(checks, encoding, rows.labels() != null ? "dataset.labels" : "dataset.targets");
        checkClassWeights(checks, spec.training().classWeights(), encoding);
    }

    /** Class weights are for classifiers, and name only classes the data has. */
    private static void checkClassWeights(Checks checks, ClassWeights weights, LabelEncoding encoding) {
        if (weights == null) {
            return;
        }
        if (encoding == null) {
            checks.add("training.classWeights", weights.json(), "applies to classifiers only; this model predicts "
                    + "numbers");
            return;
        }
        for (String label : weights.unknown(encoding.classes())) {
            checks.add("training.classWeights." + label, label, "is not a class of the data (classes: "
                    + encoding.classes() + ")");
        }
    }

    /** A classifier's metrics grow with the square of its classes, so their number is bounded. */
    private static void checkClassCount(Checks checks, LabelEncoding encoding, String field) {
        int max = checks.limits().maxClasses();
        if (encoding != null && encoding.classes().size() > max) {
            checks.add(field, encoding.classes().size() + " classes", "must have at most " + max + " classes");
        }
    }

    /** A continued training starts from parameters of exactly this architecture, and brings no weights of its own. */
    private static void checkStart(Checks checks, ModelSpec spec, int inputs, Parameters start) {
        List<Layer> layers = spec.architecture().layers();
        List<LayerParameters> trained = start.layers();
        String difference = trained.size() != layers.size()
                ? layers.size() + " layers here, " + trained.size() + " there" : null;
        int previous = inputs;
        for (int l = 0; difference == null && l < layers.size(); l++) {
            Layer layer = layers.get(l);
            LayerParameters source = trained.get(l);
            if (layer.units() != source.units() || previous != source.inputs() || layer.bias() != (source.biases() != null)) {
                difference = "layer " + l + " is " + layer.units() + " × " + previous
                        + (layer.bias() ? " with" : " without") + " bias here, " + source.units() + " × "
                        + source.inputs() + (source.biases() != null ? " with" : " without") + " bias there";
            }
            previous = layer.units();
        }
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).weights() != null || layers.get(l).biases() != null) {
                checks.add("architecture.layers[" + l + "].weights", "explicit values",
                        "must be absent with initFrom, which supplies the starting parameters");
            }
        }
        if (difference != null) {
            checks.add("initFrom", spec.initFrom(), "must have the same architecture as this request: " + difference);
        }
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
