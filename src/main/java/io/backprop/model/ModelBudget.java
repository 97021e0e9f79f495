package io.backprop.model;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.backprop.dataset.RowSet;
import io.backprop.model.spec.ModelSpec;
import io.backprop.network.NetworkSpec;
import io.backprop.network.TrainingMemory;
import io.backprop.system.Bytes;
import io.backprop.system.RequestLimits;
import io.backprop.training.JobProperties;
import io.backprop.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one training request may take, checked before anything is stored or queued: its model's parameters in
 * the store and the memory its job needs; and what its model will hold in the store, for the storage budget.
 */
@Component
class ModelBudget {

    /** A learning-curve point as JSON: epoch, cost and validation cost. */
    private static final int CURVE_POINT_BYTES = 80;
    /** The widest confusion-matrix cell as JSON, a count with its comma. */
    private static final int MATRIX_CELL_BYTES = 11;
    /** A fitted column as JSON: a name of up to 200 characters and four numbers. */
    private static final int FITTED_COLUMN_BYTES = 320;

    private final RequestLimits limits;
    private final JobProperties training;
    private final JsonMapper json;

    ModelBudget(RequestLimits limits, JobProperties training, JsonMapper json) {
        this.limits = limits;
        this.training = training;
        this.json = json;
    }

    /**
     * @throws ErrorResponseException 413 for parameters past the per-model limit, 422 for a job past the memory
     *     budget or the cost ceiling, each saying which setting to lower
     */
    void check(ModelSpec spec, DataFit plan, RowSet rows) {
        NetworkSpec network = spec.network();
        long parameterBytes = ParametersCodec.size(network.layers().size(), network.parameterCount());
        if (parameterBytes > limits.maxModelBytes().toBytes()) {
            throw tooLarge(HttpStatus.CONTENT_TOO_LARGE, "model-too-large", "Model too large", "The model's "
                    + network.parameterCount() + " parameters take " + Bytes.describe(parameterBytes) + "; one model "
                    + "may take " + Bytes.describe(limits.maxModelBytes().toBytes())
                    + " (backprop.limits.max-model-bytes). Use fewer units or layers.", Map.of(
                            "parameterBytes", parameterBytes, "maxModelBytes", limits.maxModelBytes().toBytes()));
        }
        TrainingMemory memory = TrainingMemory.of(network, plan.trainingRows(), plan.validationRows(),
                spec.training().options())
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
        checkCost(network.parameterCount(), rows.rows(), spec.training().epochs() * (long) spec.training().rowPasses(),
                flops(spec, rows.rows()));
    }

    /**
     * The work a training request may take: 6 × rows × parameters × epochs, times k with k-fold cross-validation.
     */
    static double flops(ModelSpec spec, int rows) {
        return 6.0 * rows * spec.network().parameterCount() * spec.training().epochs() * spec.training().rowPasses();
    }

    /** The cost ceiling: a request (or a search, all its trials together) may take at most so much work. */
    void checkCost(long parameters, int rows, long epochs, double flops) {
        double budget = limits.maxTrainingFlops();
        if (flops > budget) {
            ErrorResponseException costly = Problems.exception(HttpStatus.UNPROCESSABLE_CONTENT, "job-too-costly",
                    "Job above the cost ceiling", String.format(Locale.ROOT, "Training this takes about %.3g "
                            + "floating-point operations (6 × %d rows × %d parameters × %d epochs, folds and trials "
                            + "included); a request may take %.3g (backprop.limits.max-training-flops). Lower "
                            + "training.epochs, train on fewer rows, or use fewer units, layers, folds or trials.",
                            flops, rows, parameters, epochs, budget));
            costly.getBody().setProperties(Map.of("estimatedFlops", flops, "budgetFlops", budget, "rows", rows,
                    "parameters", parameters, "epochs", epochs));
            throw costly;
        }
    }

    /**
     * The most a model will hold in the store besides its rows (which are stored once for every model that uses
     * them): its spec, its fit once the preprocessing is fitted, its starting parameters, and the most its
     * results can take (a curve has a point per epoch and epoch 0, up to the curve's limit).
     */
    long storedBytes(ModelSpec spec, DataFit plan, boolean continued) {
        NetworkSpec network = spec.network();
        long parameters = ParametersCodec.size(network.layers().size(), network.parameterCount());
        int classes = plan.classes() == null ? 0 : plan.classes().size();
        // training and validation metrics, and one set per cross-validation fold
        long evaluations = 2L + (spec.training().rowPasses() > 1 ? spec.training().rowPasses() : 0);
        return Bytes.json(json, spec) + Bytes.json(json, plan)
                + (long) (network.inputs() + network.outputs()) * FITTED_COLUMN_BYTES
                + (continued ? parameters : 0) + parameters
                + Math.min(spec.training().epochs() + 1L, training.curvePoints()) * CURVE_POINT_BYTES
                + evaluations * (classes * (long) classes * MATRIX_CELL_BYTES + classes * 200L + 512) + 1024;
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
