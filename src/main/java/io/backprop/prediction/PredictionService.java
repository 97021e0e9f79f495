package io.backprop.prediction;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.backprop.dataset.DatasetChecks;
import io.backprop.dataset.DatasetInput;
import io.backprop.dataset.RowSet;
import io.backprop.metrics.Evaluation;
import io.backprop.model.StoredModels;
import io.backprop.model.spec.DatasetSummary;
import io.backprop.preprocessing.ColumnStatistics;
import io.backprop.system.FieldViolation;
import io.backprop.system.MatrixChecks;
import io.backprop.system.RequestLimits;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import tools.jackson.databind.JsonNode;

/** Answers from trained models: predictions, evaluations on rows the caller brings, decision boundaries. */
@Service
class PredictionService {

    private final TrainedModels trained;
    private final StoredModels stored;
    private final JsonBinding binding;
    private final RequestLimits limits;

    PredictionService(TrainedModels trained, StoredModels stored, JsonBinding binding, RequestLimits limits) {
        this.trained = trained;
        this.stored = stored;
        this.binding = binding;
        this.limits = limits;
    }

    PredictionResponse predict(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        JsonBinding.Bound<PredictionRequest> request = binding.bind(body, PredictionRequest.class);
        List<FieldViolation> violations = new ArrayList<>();
        if (request.value() != null) {
            MatrixChecks.check("features", request.value().features(), model.spec().dataset().features(),
                    limits.maxPredictRows(), limits.maxColumns(), violations);
        }
        InvalidRequestException.throwIfAny(request.violations(), violations);
        return model.predict(request.value().features());
    }

    /** The trained model's fit on labelled rows the caller brings, in raw units like the training rows. */
    Evaluation evaluate(String id, JsonNode body) {
        TrainedModel model = trained.get(id);
        JsonBinding.Bound<DatasetInput> rows = binding.bind(body, DatasetInput.class);
        List<FieldViolation> violations = new ArrayList<>();
        if (rows.value() != null) {
            checkEvaluationRows(model, rows.value(), violations);
        }
        InvalidRequestException.throwIfAny(rows.violations(), violations);
        return model.evaluate(RowSet.of(rows.value()));
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
                    + " has " + data.features() + " (" + String.join(", ", data.featureNames()) + ")");
        }
        List<ColumnStatistics> columns = model.transform().features().columns();
        BoundaryRequest grid = BoundaryRequest.of(resolution, xMin, xMax, yMin, yMax, columns.get(0), columns.get(1),
                limits.maxBoundaryResolution());
        return model.decisionBoundary(grid.xs(), grid.ys(), stored.trainingRows(id));
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
        for (int i = 0; labels != null && i < labels.size(); i++) {
            if (model.labels().indexOf(labels.get(i)) < 0) {
                violations.add(FieldViolation.of("labels[" + i + "]", labels.get(i), "is not one of the model's "
                        + "classes " + model.labels().classes()));
                break;
            }
        }
    }
}
