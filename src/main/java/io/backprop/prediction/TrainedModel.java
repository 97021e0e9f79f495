package io.backprop.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.backprop.dataset.RowSet;
import io.backprop.metrics.Evaluation;
import io.backprop.model.StoredModel;
import io.backprop.model.spec.ModelSpec;
import io.backprop.network.Parameters;
import io.backprop.network.Predictor;
import io.backprop.network.RowSource;
import io.backprop.preprocessing.LabelEncoding;
import io.backprop.preprocessing.RowTransform;
import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;

/**
 * A model that finished training, ready to answer in its callers' units: raw features in, outputs in the
 * targets' units (or class names and probabilities for classifiers) out.
 */
record TrainedModel(String owner, ModelSpec spec, RowTransform transform, LabelEncoding labels, Parameters parameters,
        Predictor predictor) {

    /** The winner of a grid cell whose outputs are not numbers. */
    static final int NO_CLASS = -1;

    static TrainedModel of(StoredModel stored) {
        return new TrainedModel(stored.owner(), stored.spec(), stored.fit().preprocessing().transform(), stored.labels(),
                stored.parameters(), new Predictor(stored.spec().network(), stored.parameters()));
    }

    /**
     * Memory this model takes while cached: its parameters as Java arrays, and once per backend it has answered
     * on, a copy in that backend's memory (at most two), plus buffers kept for small predictions.
     */
    long memoryBytes() {
        return spec.network().parameterCount() * Double.BYTES * 3 + predictor.keptBytes();
    }

    boolean classifier() {
        return labels != null;
    }

    PredictionResponse predict(double[][] rawFeatures) {
        return predict(RowSource.of(rawFeatures), RowOrigin.FEATURES);
    }

    PredictionResponse predict(RowSource rawFeatures, RowOrigin origin) {
        return answer(outputs(rawFeatures, origin));
    }

    /**
     * The same for one block of a stored data set's stream, which can no longer be refused once it is under way: a
     * row whose outputs are not finite numbers (see {@link #outputs}) keeps them, NaN or infinite, and gets no label.
     */
    PredictionResponse predictInStream(RowSource rawFeatures) {
        PredictionResponse answer = answer(predictor.predict(transform.inputs(rawFeatures)));
        if (answer.labels() == null) {
            return answer;
        }
        List<Object> labelled = new ArrayList<>(answer.labels());
        for (int r = 0; r < labelled.size(); r++) {
            labelled.set(r, finite(answer.outputs()[r]) ? labelled.get(r) : null);
        }
        return new PredictionResponse(answer.outputs(), labelled, answer.probabilities());
    }

    private PredictionResponse answer(double[][] outputs) {
        return classifier() ? new PredictionResponse(outputs, labels.decode(outputs), labels.probabilities(outputs))
                : new PredictionResponse(transform.outputs(outputs), null, null);
    }

    /** The fit on raw labelled rows, transformed exactly as the training rows were. */
    Evaluation evaluate(RowSet rows) {
        return Evaluation.of(predictor, outputs(rows.features(), RowOrigin.FEATURES), networkTargets(rows), labels,
                transform);
    }

    /**
     * The same for the stored data set {@code datasetId}, with its features handed over a chunk at a time by
     * {@code featureChunks}, so that only the outputs are held: a stored data set's features may be far larger.
     */
    Evaluation evaluate(RowSet rows, String datasetId, Consumer<Consumer<RowSource>> featureChunks) {
        List<double[]> answered = new ArrayList<>(rows.rows());
        featureChunks.accept(chunk -> answered.addAll(Arrays.asList(outputs(chunk,
                new RowOrigin(datasetId, answered.size())))));
        return Evaluation.of(predictor, answered.toArray(double[][]::new), networkTargets(rows), labels, transform);
    }

    /**
     * The network's outputs for the raw features. Features too large for its arithmetic make them NaN or infinite,
     * which would answer as the first class or as no number at all: a 400 names the row's largest feature instead.
     */
    private double[][] outputs(RowSource rawFeatures, RowOrigin origin) {
        double[][] outputs = predictor.predict(transform.inputs(rawFeatures));
        for (int r = 0; r < outputs.length; r++) {
            if (!finite(outputs[r])) {
                throw new InvalidRequestException(List.of(overflow(rawFeatures, r, origin)));
            }
        }
        return outputs;
    }

    private static boolean finite(double[] outputs) {
        for (double output : outputs) {
            if (!Double.isFinite(output)) {
                return false;
            }
        }
        return true;
    }

    private FieldViolation overflow(RowSource rawFeatures, int row, RowOrigin origin) {
        double[] values = new double[rawFeatures.columns()];
        rawFeatures.read(row, values, 0);
        int largest = 0;
        for (int j = 1; j < values.length; j++) {
            largest = Math.abs(values[j]) > Math.abs(values[largest]) ? j : largest;
        }
        return origin.overflow(row, largest, transform.featureNames().get(largest), values[largest],
                spec.network().precision());
    }

    /** The rows' targets as the network was trained on them: labels encoded, regression targets scaled. */
    double[][] networkTargets(RowSet rows) {
        List<?> given = labels(rows);
        return transform.targets(given == null ? rows.targets() : labels.encode(given));
    }

    /** Outputs over the grid xs × ys of the two raw features, and the rows with their labels. */
    DecisionBoundary decisionBoundary(double[] xs, double[] ys, RowSet rows) {
        double[][] grid = new double[xs.length * ys.length][];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                grid[i * xs.length + j] = new double[] {xs[j], ys[i]};
            }
        }
        double[][] outputs = predictor.predict(transform.inputs(grid));
        boolean singleOutput = outputs[0].length == 1;
        double[][] values = singleOutput ? new double[ys.length][xs.length] : null;
        int[] classes = classifier() ? labels.indexes(outputs) : null;
        int[][] winners = classifier() ? new int[ys.length][xs.length] : null;
        double[][] scaled = singleOutput ? transform.outputs(outputs) : null;
        for (int cell = 0; cell < grid.length; cell++) {
            int i = cell / xs.length;
            int j = cell % xs.length;
            if (singleOutput) {
                values[i][j] = scaled[cell][0];
            }
            if (classifier()) {
                // outputs that are no numbers (a grid beyond the network's arithmetic) name no class
                winners[i][j] = finite(outputs[cell]) ? classes[cell] : NO_CLASS;
            }
        }
        return new DecisionBoundary(spec.dataset().featureNames(), xs, ys, values, winners,
                classifier() ? labels.classes() : null, points(rows));
    }

    /** The rows' labels to encode: given, or class numbers; null for targets used as they are. */
    List<?> labels(RowSet rows) {
        return LabelEncoding.labels(spec.outputActivation(), spec.outputUnits(), rows.labels(), rows.targets());
    }

    /**
     * Each row's two features and its label (its class for classifiers, its first target for regression): every row
     * up to {@link DecisionBoundary#MAX_POINTS}, else that many rows spread evenly.
     */
    private List<DecisionBoundary.Point> points(RowSet rows) {
        List<?> given = labels(rows);
        int[] classIndexes = !classifier() ? null
                : given != null ? given.stream().mapToInt(labels::indexOf).toArray() : labels.indexes(rows.targets());
        List<DecisionBoundary.Point> points = new ArrayList<>();
        double[] xy = new double[2];
        int count = Math.min(rows.rows(), DecisionBoundary.MAX_POINTS);
        for (int p = 0; p < count; p++) {
            int r = (int) ((long) p * rows.rows() / count);
            Object label = classIndexes != null ? labels.classes().get(classIndexes[r]) : rows.targets()[r][0];
            rows.features().read(r, xy, 0);
            points.add(new DecisionBoundary.Point(xy[0], xy[1], label));
        }
        return points;
    }
}
