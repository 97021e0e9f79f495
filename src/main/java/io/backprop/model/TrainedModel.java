package io.backprop.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.backprop.dataset.DatasetInput;
import io.backprop.metrics.ClassificationReport;
import io.backprop.metrics.Evaluation;
import io.backprop.metrics.RegressionReport;
import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.Parameters;
import io.backprop.network.Predictor;
import io.backprop.preprocessing.ClassLabels;

/**
 * A model that finished training, ready to answer in its callers' units: raw features in, outputs in the
 * targets' units (or class names and probabilities for classifiers) out.
 */
record TrainedModel(ModelSpec spec, Preparation preparation, Parameters parameters, Predictor predictor) {

    TrainedModel(ModelSpec spec, Preparation preparation, Parameters parameters) {
        this(spec, preparation, parameters, new Predictor(spec.network(), parameters));
    }

    /**
     * Memory this model takes while cached: its parameters as Java arrays, and once per backend it has answered
     * on, a copy in that backend's memory (at most two), plus buffers kept for small predictions.
     */
    long memoryBytes() {
        return spec.network().parameterCount() * Double.BYTES * 3 + 64 * 1024;
    }

    boolean classifier() {
        return preparation.classes() != null;
    }

    PredictionResponse predict(double[][] rawFeatures) {
        double[][] outputs = predictor.predict(preparation.preprocessor().inputs(rawFeatures));
        if (!classifier()) {
            return new PredictionResponse(preparation.preprocessor().outputs(outputs), null, null);
        }
        int[] classIndexes = Labels.of(outputs, spec.outputActivation());
        List<Object> labels = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        for (int i = 0; i < outputs.length; i++) {
            labels.add(preparation.classes().get(classIndexes[i]));
            probabilities.add(probabilities(outputs[i]));
        }
        return new PredictionResponse(outputs, labels, probabilities);
    }

    /** The fit on examples already in the network's terms (scaled inputs, encoded and scaled targets). */
    Evaluation evaluate(Examples examples) {
        double cost = predictor.cost(examples);
        double[][] outputs = predictor.predict(examples.features());
        if (classifier()) {
            int[] actual = Labels.of(examples.targets(), spec.outputActivation());
            int[] predicted = Labels.of(outputs, spec.outputActivation());
            return Evaluation.classification(examples.rows(), cost,
                    ClassificationReport.of(actual, predicted, preparation.classes()));
        }
        return Evaluation.regression(examples.rows(), cost, RegressionReport.of(
                preparation.preprocessor().outputs(examples.targets()), preparation.preprocessor().outputs(outputs)));
    }

    /** Raw labelled rows in the network's terms, transformed exactly as the training rows were. */
    Examples examples(DatasetInput rows) {
        List<?> labels = PreparedData.classLabels(spec, rows);
        double[][] targets = labels == null ? rows.targets()
                : new ClassLabels(preparation.classes()).encode(labels, spec.outputActivation() == Activation.SIGMOID);
        return new Examples(preparation.preprocessor().inputs(rows.features()),
                preparation.preprocessor().targets(targets));
    }

    /** Outputs over the grid xs × ys of the two raw features, and the rows with their labels. */
    DecisionBoundary decisionBoundary(double[] xs, double[] ys, DatasetInput rows) {
        double[][] grid = new double[xs.length * ys.length][];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                grid[i * xs.length + j] = new double[] {xs[j], ys[i]};
            }
        }
        PredictionResponse answers = predict(grid);
        boolean singleOutput = answers.outputs()[0].length == 1;
        double[][] values = singleOutput ? new double[ys.length][xs.length] : null;
        int[][] winners = classifier() ? new int[ys.length][xs.length] : null;
        for (int cell = 0; cell < grid.length; cell++) {
            int i = cell / xs.length;
            int j = cell % xs.length;
            if (singleOutput) {
                values[i][j] = answers.outputs()[cell][0];
            }
            if (classifier()) {
                winners[i][j] = preparation.classes().indexOf(answers.labels().get(cell));
            }
        }
        return new DecisionBoundary(spec.dataset().featureNames(), xs, ys, values, winners, preparation.classes(),
                points(rows));
    }

    /** Each row's two features and its label: its class for classifiers, its (first) target for regression. */
    private List<DecisionBoundary.Point> points(DatasetInput rows) {
        List<?> labels = PreparedData.classLabels(spec, rows);
        int[] classIndexes = !classifier() ? null
                : labels != null ? new ClassLabels(preparation.classes()).indexes(labels)
                : Labels.of(rows.targets(), spec.outputActivation());
        List<DecisionBoundary.Point> points = new ArrayList<>();
        for (int r = 0; r < rows.rows(); r++) {
            Object label = classIndexes != null ? preparation.classes().get(classIndexes[r]) : rows.targets()[r][0];
            points.add(new DecisionBoundary.Point(rows.features()[r][0], rows.features()[r][1], label));
        }
        return points;
    }

    /** Each class's probability: the softmax outputs, or 1 − p and p for a single sigmoid output. */
    private Map<String, Double> probabilities(double[] output) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        List<Object> classes = preparation.classes();
        for (int c = 0; c < classes.size(); c++) {
            double p = output.length == 1 ? (c == 1 ? output[0] : 1 - output[0]) : output[c];
            byClass.put(String.valueOf(classes.get(c)), p);
        }
        return byClass;
    }
}
