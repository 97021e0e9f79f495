package io.backprop.prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.backprop.dataset.DatasetChecks;
import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.DatasetService;
import io.backprop.dataset.Names;
import io.backprop.dataset.RowStore;
import io.backprop.dataset.RowSet;
import io.backprop.metrics.Evaluation;
import io.backprop.model.StoredModels;
import io.backprop.model.spec.DatasetSummary;
import io.backprop.network.LayerSpec;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.preprocessing.RowTransform;
import io.backprop.preprocessing.Rows;
import io.backprop.system.FieldViolation;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;
import io.backprop.training.TrainingQueue;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Answers from trained models: predictions, evaluations on rows the caller brings, decision boundaries. */
@Service
public class PredictionService {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    /** Rows a trace or a sensitivity may take: each is answered with every value of every layer. */
    static final int MAX_INSIGHT_ROWS = 1000;
    /** Numbers one trace, sensitivity or set of unit pictures may answer with (each computed, then sent). */
    static final long MAX_INSIGHT_VALUES = 2_000_000;
    /** How long a look at a training job's parameters waits for the end of its epoch. */
    private static final Duration LIVE_WAIT = Duration.ofSeconds(2);
    /** Rows × parameters² of a gradient check (two passes per parameter): about a second of plain Java. */
    static final long MAX_GRADIENT_CHECK_WORK = 2_000_000_000L;

    private final TrainedModels trained;
    private final StoredModels stored;
    private final JsonBinding binding;
    private final RequestLimits limits;
    private final DatasetService datasets;
    private final RowStore rowStore;
    private final JsonMapper json;
    private final PredictionMetrics metrics;
    private final TrainingQueue queue;

    PredictionService(TrainedModels trained, StoredModels stored, JsonBinding binding, RequestLimits limits,
            DatasetService datasets, RowStore rowStore, JsonMapper json, PredictionMetrics metrics,
            TrainingQueue queue) {
        this.trained = trained;
        this.stored = stored;
        this.binding = binding;
        this.limits = limits;
        this.datasets = datasets;
        this.rowStore = rowStore;
        this.json = json;
        this.metrics = metrics;
        this.queue = queue;
    }

    /** Answers to write as they are computed, in this media type. */
    public record Streamed(MediaType type, StreamingResponseBody body) {

        /** Writes streamed answers to the response, on the request's thread; returns any other answer for Spring. */
        public static Object write(Object answer, HttpServletResponse response) throws IOException {
            if (answer instanceof Streamed streamed) {
                response.setContentType(streamed.type().toString());
                streamed.body().writeTo(response.getOutputStream());
                return null;
            }
            return answer;
        }
    }

    /**
     * The answers for the rows given (a {@link PredictionResponse}), or for every row of a stored data set, or
     * as CSV ({@link Streamed}: a data set's answers are computed and written a chunk of rows at a time, as the
     * client reads them).
     */
    public Object predict(String id, JsonNode body, boolean csv) {
        Timer.Sample sample = metrics.start();
        String outcome = "error";
        try {
            Object answer = answer(id, body, csv);
            outcome = "ok";
            return answer;
        }
        catch (ErrorResponseException refused) {
            outcome = String.valueOf(refused.getStatusCode().value());
            throw refused;
        }
        finally {
            metrics.predicted(sample, id, outcome);
        }
    }

    private Object answer(String id, JsonNode body, boolean csv) {
        TrainedModel model = trained.get(id);
        JsonBinding.Bound<PredictionRequest> bound = binding.bind(body, PredictionRequest.class);
        PredictionRequest request = bound.value();
        List<FieldViolation> violations = new ArrayList<>();
        StoredInput stored = request == null ? null : checkRows(model, request, violations);
        InvalidRequestException.throwIfAny(bound.violations(), violations);
        if (stored == null && !csv) {
            return model.predict(request.features());
        }
        // rows sent inline are answered before the stream starts, so that a problem with them is still a 400
        PredictionResponse inline = stored == null ? model.predict(request.features()) : null;
        StreamingResponseBody answer = out -> {
            PredictionWriter writer = csv ? PredictionWriter.csv(out, model) : PredictionWriter.json(out, json);
            if (inline != null) {
                writer.write(inline);
            }
            else {
                rowStore.forEachFeatureChunk(stored.rows().id(),
                        chunk -> writeUnchecked(writer, model.predictInStream(stored.arrange(chunk))));
            }
            writer.finish();
        };
        return new Streamed(csv ? TEXT_CSV : MediaType.APPLICATION_JSON, answer);
    }

    /** The stored rows of the data set named, or null for rows given as features. */
    private StoredInput checkRows(TrainedModel model, PredictionRequest request, List<FieldViolation> violations) {
        int features = model.spec().dataset().features();
        if ((request.features() == null) == (request.datasetId() == null)) {
            violations.add(FieldViolation.of("features", FieldViolation.bothOrNeither(request.features() != null),
                    "give either features or datasetId"));
            return null;
        }
        if (request.features() != null) {
            MatrixChecks.check("features", request.features(), features, limits.maxPredictRows(),
                    limits.maxColumns(), violations);
            return null;
        }
        DatasetService.StoredFeatures found = datasets.storedRows(request.datasetId()).orElse(null);
        if (found == null) {
            violations.add(FieldViolation.of("datasetId", request.datasetId(), "no stored data set has this id"));
            return null;
        }
        if (found.rows().features() != features) {
            violations.add(FieldViolation.of("datasetId", request.datasetId(), "has " + found.rows().features()
                    + " features; the model takes " + features));
            return null;
        }
        return StoredInput.match(found.rows(), model.spec().dataset().featureNames(), found.featureNames(),
                request.datasetId(), violations);
    }

    private static void writeUnchecked(PredictionWriter writer, PredictionResponse block) {
        try {
            writer.write(block);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The trained model's fit on labelled rows the caller brings, in raw units like the training rows, or on every
     * row of a stored data set ({@code {"datasetId": …}}).
     */
    public Evaluation evaluate(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        if (body != null && body.has("datasetId")) {
            return evaluateStored(model, body);
        }
        JsonBinding.Bound<DatasetInput> rows = binding.bind(body, DatasetInput.class);
        List<FieldViolation> violations = new ArrayList<>();
        if (rows.value() != null) {
            checkEvaluationRows(model, rows.value(), violations);
        }
        InvalidRequestException.throwIfAny(rows.violations(), violations);
        return model.evaluate(RowSet.of(rows.value()));
    }

    /**
     * The fit on a stored data set: features as many as the model takes, and targets it can be measured against
     * (class labels it knows, for classifiers; as many targets as it gives, for regression). Its features are read a
     * chunk at a time, as predictions read them.
     */
    private Evaluation evaluateStored(TrainedModel model, JsonNode body) {
        JsonBinding.Bound<PredictionRequest> bound = binding.bind(body, PredictionRequest.class);
        List<FieldViolation> violations = new ArrayList<>();
        StoredInput input = bound.value() == null ? null : checkRows(model, bound.value(), violations);
        InvalidRequestException.throwIfAny(bound.violations(), violations);
        RowStore.Stored stored = input.rows();
        String datasetId = bound.value().datasetId();
        DatasetSummary trainedOn = model.spec().dataset();
        // the outputs and the targets the network compares them with are held whole, as for rows sent inline
        long values = (long) stored.rows() * model.spec().network().outputs();
        if (values > limits.maxTargetValues()) {
            throw new InvalidRequestException(List.of(FieldViolation.of("datasetId", datasetId, stored.rows()
                    + " rows × " + model.spec().network().outputs() + " outputs must be at most "
                    + limits.maxTargetValues() + " values (" + RequestLimits.MAX_TARGET_VALUES + ")")));
        }
        RowSet rows = rowStore.read(stored.id(), trainedOn.featureNames(), trainedOn.targetNames());
        List<?> labels = model.classifier() ? model.labels(rows) : null;
        if (stored.targets() == 0) {
            violations.add(FieldViolation.of("datasetId", datasetId, DatasetChecks.noTargets("evaluated")));
        }
        else if (!model.classifier() && rows.labels() != null) {
            violations.add(FieldViolation.of("datasetId", datasetId, "has class labels; this model is a regression "
                    + "model"));
        }
        else if (labels == null && stored.targets() != trainedOn.targets()) {
            violations.add(FieldViolation.of("datasetId", datasetId, "has " + stored.targets() + " target columns; "
                    + "the model gives " + trainedOn.targets()));
        }
        else if (labels == null && trainedOn.labels()) {
            violations.add(FieldViolation.of("datasetId", datasetId, "has no class labels"));
        }
        else if (labels == null && model.classifier()) {
            int row = model.labels().firstNonProbability(rows.targets());
            if (row >= 0) {
                violations.add(FieldViolation.of("datasetId", datasetId, "row " + row + "'s targets "
                        + Arrays.toString(rows.targets()[row]) + " " + model.labels().probabilityRule()));
            }
        }
        int unknown = labels == null ? -1 : firstUnknownClass(model, labels);
        if (unknown >= 0) {
            violations.add(FieldViolation.of("datasetId", datasetId, "row " + unknown + "'s class "
                    + labels.get(unknown) + " is not one of the model's classes " + model.labels().classes()));
        }
        InvalidRequestException.throwIfAny(violations);
        return model.evaluate(rows, datasetId,
                each -> rowStore.forEachFeatureChunk(stored.id(), chunk -> each.accept(input.arrange(chunk))));
    }

    /** A pass through the model on the rows given, step by step; with targets (raw units), backward too. */
    ModelInsight.TraceView trace(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        TraceRequest request = insightRows(model, body, true);
        long units = model.spec().network().layers().stream().mapToLong(LayerSpec::units).sum();
        requireAtMost("features", request.features().length + " rows", request.features().length * units * 3,
                "rows × units of all layers × 3 (z, a, dz)");
        return ModelInsight.trace(model, request.features(), request.targets() == null ? null
                : model.transform().targets(request.targets()));
    }

    ModelInsight.Sensitivity sensitivity(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        double[][] rows = insightRows(model, body, false).features();
        requireAtMost("features", rows.length + " rows", (long) rows.length * model.spec().network().outputs()
                * model.spec().dataset().features(), "rows × outputs × inputs");
        return ModelInsight.sensitivity(model, rows);
    }

    /**
     * Backpropagation against central differences on labelled rows; bounded, as it takes two passes per
     * parameter.
     */
    ModelInsight.GradientCheck gradientCheck(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        JsonBinding.Bound<DatasetInput> rows = binding.bind(body, DatasetInput.class);
        List<FieldViolation> violations = new ArrayList<>();
        if (rows.value() != null) {
            checkEvaluationRows(model, rows.value(), violations);
        }
        InvalidRequestException.throwIfAny(rows.violations(), violations);
        long work = (long) rows.value().rows() * model.spec().network().parameterCount()
                * model.spec().network().parameterCount();
        if (work > MAX_GRADIENT_CHECK_WORK) {
            throw new InvalidRequestException(List.of(FieldViolation.of("features", rows.value().rows() + " rows",
                    "rows × parameters² must be at most " + MAX_GRADIENT_CHECK_WORK + " (this model has "
                            + model.spec().network().parameterCount() + " parameters): check on fewer rows")));
        }
        RowSet labelled = RowSet.of(rows.value());
        return ModelInsight.gradientCheck(model, model.transform().inputs(labelled.features()).toArray(),
                model.networkTargets(labelled));
    }

    /** Refuses an answer of more than {@link #MAX_INSIGHT_VALUES} numbers, naming the field to lower. */
    private static void requireAtMost(String field, Object value, long values, String product) {
        if (values > MAX_INSIGHT_VALUES) {
            throw new InvalidRequestException(List.of(FieldViolation.of(field, value, product + " must be at most "
                    + MAX_INSIGHT_VALUES + " (it is " + values + "): ask for less")));
        }
    }

    /** Rows to trace or to take sensitivities of: features like the model's, at most 1,000 rows, and targets. */
    private TraceRequest insightRows(TrainedModel model, JsonNode body, boolean targetsAllowed) {
        JsonBinding.Bound<TraceRequest> bound = binding.bind(body, TraceRequest.class);
        List<FieldViolation> violations = new ArrayList<>();
        TraceRequest request = bound.value();
        DatasetSummary data = model.spec().dataset();
        if (request != null) {
            MatrixChecks.check("features", request.features(), data.features(), MAX_INSIGHT_ROWS,
                    limits.maxColumns(), violations);
            if (request.targets() != null && !targetsAllowed) {
                violations.add(FieldViolation.of("targets", "given", "are not used here; leave them out"));
            }
            else if (request.targets() != null) {
                MatrixChecks.check("targets", request.targets(), model.spec().network().outputs(), MAX_INSIGHT_ROWS,
                        limits.maxColumns(), violations);
                if (violations.isEmpty() && request.targets().length != request.features().length) {
                    violations.add(FieldViolation.of("targets", request.targets().length + " rows",
                            "must have a row per row of features (" + request.features().length + ")"));
                }
            }
        }
        InvalidRequestException.throwIfAny(bound.violations(), violations);
        return request;
    }

    TrainedParameters parameters(String id) {
        return TrainedParameters.of(trained.get(id).parameters());
    }

    /** A two-input model's outputs over a grid, with the training points: the tutorials' shaded boundary. */
    DecisionBoundary decisionBoundary(String id, Integer resolution, Double xMin, Double xMax, Double yMin,
            Double yMax) {
        TrainedModel model = trained.get(id);
        DatasetSummary data = model.spec().dataset();
        if (data.features() != 2) {
            throw new ModelCapabilityException("A decision boundary needs a model with 2 input features; model " + id
                    + " has " + data.features() + " (" + Names.preview(data.featureNames()) + ")");
        }
        RowSet rows = stored.trainingRows(id);
        BoundaryRequest grid = grid(model.transform(), () -> rows, resolution, xMin, xMax, yMin, yMax);
        return model.decisionBoundary(grid.xs(), grid.ys(), rows);
    }

    /**
     * Every unit's activation over the plane of a two-input model's inputs (the decision boundary's grid): of the
     * trained model, or of a job training here with its parameters as they are at the end of its next epoch.
     */
    ModelInsight.HiddenUnits hiddenUnits(String id, Integer resolution) {
        stored.requireVisible(id);
        TrainingQueue.Live network = queue.live(id, LIVE_WAIT).orElseGet(() -> {
            TrainedModel model = trained.get(id);
            return new TrainingQueue.Live(model.spec().network(), model.transform(), model.parameters());
        });
        List<String> features = network.transform().featureNames();
        if (features.size() != 2) {
            throw new ModelCapabilityException("Hidden units are drawn over the plane of 2 input features; model "
                    + id + " has " + features.size() + " (" + Names.preview(features) + ")");
        }
        // the page asks again every second while a job trains: rows are read only when the range needs them
        BoundaryRequest grid = grid(network.transform(), () -> stored.trainingRows(id), resolution, null, null,
                null, null);
        long units = network.spec().layers().stream().mapToLong(LayerSpec::units).sum();
        requireAtMost("resolution", grid.resolution(), (long) grid.xs().length * grid.ys().length * units,
                "resolution² × units of all layers");
        return ModelInsight.hiddenUnits(network, features, grid.xs(), grid.ys());
    }

    /** The grid over the two raw features: the range asked for, else the training rows' plus a margin. */
    private BoundaryRequest grid(RowTransform transform, Supplier<RowSet> trainingRows, Integer resolution,
            Double xMin, Double xMax, Double yMin, Double yMax) {
        List<ColumnStatistics> columns = transform.features().columns();
        if (!columns.get(0).measured()) {
            // not scaled, so not measured when trained: the range comes from the rows
            RowSet rows = trainingRows.get();
            columns = ColumnStatistics.of(rows.featureNames(), rows.features(), Rows.all(rows.rows()));
        }
        return BoundaryRequest.of(resolution, xMin, xMax, yMin, yMax, columns.get(0), columns.get(1),
                limits.maxBoundaryResolution());
    }

    /** Rows to evaluate on: the model's feature columns, and targets or labels it knows. */
    private void checkEvaluationRows(TrainedModel model, DatasetInput rows, List<FieldViolation> violations) {
        DatasetChecks.check("", rows, limits, violations);
        DatasetSummary trainedOn = model.spec().dataset();
        if (!violations.isEmpty()) {
            return;
        }
        MatrixChecks.check("features", rows.features(), trainedOn.features(), limits.maxRows(), limits.maxColumns(),
                violations);
        if (rows.targets() != null && !trainedOn.labels()) {
            MatrixChecks.check("targets", rows.targets(), trainedOn.targets(), limits.maxRows(), limits.maxColumns(),
                    violations);
        }
        if (!violations.isEmpty()) {
            return;
        }
        if (!model.classifier()) {
            if (rows.labels() != null) {
                violations.add(FieldViolation.of("labels", rows.labels().size() + " labels", "this model is a "
                        + "regression model: give targets, " + trainedOn.targets() + " per row"));
            }
            return;
        }
        List<?> labels = model.labels(RowSet.of(rows));
        if (labels == null && trainedOn.labels()) {
            violations.add(FieldViolation.of("labels", null, "give the class of each row"));
        }
        else if (labels == null) {
            int row = model.labels().firstNonProbability(rows.targets());
            if (row >= 0) {
                violations.add(FieldViolation.of("targets[" + row + "]", Arrays.toString(rows.targets()[row]),
                        model.labels().probabilityRule()));
            }
        }
        int unknown = labels == null ? -1 : firstUnknownClass(model, labels);
        if (unknown >= 0) {
            violations.add(FieldViolation.of("labels[" + unknown + "]", labels.get(unknown), "is not one of the "
                    + "model's classes " + model.labels().classes()));
        }
    }

    /** The index of the first label that is none of the model's classes; -1 when it knows them all. */
    private static int firstUnknownClass(TrainedModel model, List<?> labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (model.labels().indexOf(labels.get(i)) < 0) {
                return i;
            }
        }
        return -1;
    }
}
