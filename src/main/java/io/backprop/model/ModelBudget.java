package io.backprop.model;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.dataset.DatasetInput;
import io.backprop.network.NetworkSpec;
import io.backprop.network.TrainingMemory;
import io.backprop.system.Bytes;
import io.backprop.system.FieldViolation;
import io.backprop.system.RequestLimits;
import io.backprop.training.TrainingProperties;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.Problems;

/**
 * What one training request may take, checked before anything is stored or queued: its classes (the metrics
 * grow with their square), its model's parameters in the store, the memory its job needs; and what its model
 * will hold in the store, for the storage budget.
 */
@Component
class ModelBudget {

    /** A learning-curve point as JSON: epoch, cost and validation cost. */
    private static final int CURVE_POINT_BYTES = 80;
    /** The widest confusion-matrix cell as JSON, a count with its comma. */
    private static final int MATRIX_CELL_BYTES = 11;

    private final RequestLimits limits;
    private final TrainingProperties training;

    ModelBudget(RequestLimits limits, TrainingProperties training) {
        this.limits = limits;
        this.training = training;
    }

    /**
     * @throws InvalidRequestException (400) for more classes than allowed
     * @throws ErrorResponseException 413 for parameters past the per-model limit, 422 for a job past the memory
     *     budget, each saying which setting to lower
     */
    void check(ModelSpec spec, PreparedData prepared, DatasetInput rows) {
        List<Object> classes = prepared.preparation().classes();
        if (classes != null && classes.size() > limits.maxClasses()) {
            InvalidRequestException.throwIfAny(List.of(FieldViolation.of(spec.dataset().labels() ? "dataset.labels"
                    : "dataset.targets", classes.size() + " classes", "must have at most " + limits.maxClasses()
                            + " classes")));
        }
        NetworkSpec network = spec.network();
        long parameterBytes = ParametersCodec.size(network.layers().size(), network.parameterCount());
        if (parameterBytes > limits.maxModelBytes().toBytes()) {
            throw tooLarge(HttpStatus.CONTENT_TOO_LARGE, "model-too-large", "Model too large", "The model's "
                    + network.parameterCount() + " parameters take " + Bytes.describe(parameterBytes) + "; one model "
                    + "may take " + Bytes.describe(limits.maxModelBytes().toBytes())
                    + " (backprop.limits.max-model-bytes). Use fewer units or layers.", Map.of(
                            "parameterBytes", parameterBytes, "maxModelBytes", limits.maxModelBytes().toBytes()));
        }
        TrainingMemory memory = TrainingMemory.of(network, prepared.preparation().trainingRows(),
                prepared.preparation().validationRows(), spec.training().options())
                .plusRows((long) rows.rows() * (rows.featureCount() + spec.dataset().targets()) * Double.BYTES);
        long budget = limits.maxJobMemory().toBytes();
        if (memory.total() > budget) {
            throw tooLarge(HttpStatus.UNPROCESSABLE_CONTENT, "job-too-large", "Job needs too much memory",
                    "Training this needs about " + Bytes.describe(memory.total()) + " (parameters "
                            + Bytes.describe(memory.parameters()) + ", optimizer state "
                            + Bytes.describe(memory.optimizerState()) + ", activations of a batch "
                            + Bytes.describe(memory.activations()) + ", rows " + Bytes.describe(memory.rows())
                            + "); a job may use " + Bytes.describe(budget) + " (backprop.limits.max-job-memory). "
                            + remedy(memory), Map.of("estimatedBytes", memory.total(), "budgetBytes", budget,
                                    "parameterBytes", memory.parameters(), "optimizerStateBytes",
                                    memory.optimizerState(), "activationBytes", memory.activations(), "rowBytes",
                                    memory.rows()));
        }
    }

    /** The most a model will hold in the store: its documents as given, then its parameters, curve and metrics. */
    long storedBytes(NetworkSpec network, int classes, String... documents) {
        long bytes = ParametersCodec.size(network.layers().size(), network.parameterCount())
                + (long) training.curvePoints() * CURVE_POINT_BYTES
                + 2L * (classes * (long) classes * MATRIX_CELL_BYTES + classes * 200L) + 1024;
        for (String document : documents) {
            bytes += document == null ? 0 : document.length();
        }
        return bytes;
    }

    /** The setting to lower for the part that needs the most. */
    private static String remedy(TrainingMemory memory) {
        long largest = Math.max(Math.max(memory.parameters(), memory.optimizerState()),
                Math.max(memory.activations(), memory.rows()));
        if (largest == memory.activations()) {
            return "Set a smaller training.batchSize (e.g. 256), or use fewer units.";
        }
        if (largest == memory.rows()) {
            return "Train on fewer rows.";
        }
        return "Use fewer units or layers" + (memory.optimizerState() > 0 ? ", or the sgd optimizer." : ".");
    }

    private static ErrorResponseException tooLarge(HttpStatus status, String kind, String title, String detail,
            Map<String, Long> figures) {
        ErrorResponseException problem = Problems.exception(status, kind, title, detail);
        figures.forEach(problem.getBody()::setProperty);
        return problem;
    }
}
