package io.backprop.model;

import org.springframework.stereotype.Component;

import io.backprop.dataset.DatasetChecks;
import io.backprop.dataset.DatasetService;
import io.backprop.dataset.RowSet;
import io.backprop.model.spec.Checks;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.network.Parameters;
import io.backprop.system.FieldViolation;

/**
 * Reads what a training request refers to, before its spec is filled in and checked: its rows (given inline,
 * which are checked here, or a stored data set's, whose features are not read) and the parameters a continued
 * training starts from.
 */
@Component
class TrainingInputs {

    private final DatasetService datasets;
    private final StoredModels stored;
    private final ModelResultRepository results;

    TrainingInputs(DatasetService datasets, StoredModels stored, ModelResultRepository results) {
        this.datasets = datasets;
        this.stored = stored;
        this.results = results;
    }

    /**
     * The rows, or null when there are none usable, and the stored rows they are (null for rows given inline);
     * the start, or null when there is none.
     */
    record Resolved(RowSet rows, String rowSetId, Parameters start) {
    }

    Resolved resolve(TrainingRequest request, Checks checks) {
        DatasetService.StoredRows rows = rows(request, checks);
        Parameters start = request.initFrom() == null ? null : start(request.initFrom(), checks);
        return new Resolved(rows == null ? null : rows.rows(), rows == null ? null : rows.rowSetId(), start);
    }

    private DatasetService.StoredRows rows(TrainingRequest request, Checks checks) {
        if ((request.dataset() == null) == (request.datasetId() == null)) {
            checks.add("dataset", FieldViolation.bothOrNeither(request.dataset() != null),
                    "give either dataset or datasetId");
            return null;
        }
        if (request.datasetId() != null) {
            DatasetService.StoredRows rows = datasets.rows(request.datasetId()).orElse(null);
            if (rows == null) {
                checks.add("datasetId", request.datasetId(), "no stored data set has this id");
            }
            else if (rows.rows().targetCount() == 0) {
                checks.add("datasetId", request.datasetId(), DatasetChecks.noTargets("trained on"));
                return null;
            }
            return rows;
        }
        int before = checks.violations().size();
        DatasetChecks.check("dataset", request.dataset(), checks.limits(), checks.violations());
        return checks.violations().size() == before ? new DatasetService.StoredRows(null, RowSet.of(request.dataset()))
                : null;
    }

    /** The trained parameters of a SUCCEEDED model to continue from. */
    private Parameters start(String id, Checks checks) {
        Model source = stored.lookup(id).orElse(null);
        if (source == null) {
            checks.add("initFrom", id, "no model has this id");
            return null;
        }
        if (source.status() != ModelStatus.SUCCEEDED) {
            checks.add("initFrom", id, "model " + id + " is " + source.status() + "; only a SUCCEEDED model has "
                    + "trained parameters");
            return null;
        }
        return results.findById(id).map(ModelResult::parameters).orElse(null);
    }
}
