package io.backprop.prediction;

import java.util.ArrayList;
import java.util.List;

import io.backprop.dataset.Names;
import io.backprop.dataset.RowStore;
import io.backprop.network.RowSource;
import io.backprop.system.FieldViolation;

/**
 * A stored data set's rows as a model reads them: its feature columns in the order of the model's features. Columns
 * are matched by name, so that a file with its columns in another order is read in the model's; by position where
 * the names differ and either side has only the numbered names x1, x2, … that arrays without names get.
 *
 * @param columns the data set's column for each of the model's features; null when they are in the model's order
 */
record StoredInput(RowStore.Stored rows, int[] columns) {

    /** The chunk's rows with their columns in the model's order. */
    RowSource arrange(RowSource chunk) {
        return columns == null ? chunk : chunk.selectColumns(columns);
    }

    /**
     * The data set's columns matched to the model's features by name; a name the model has and the data set lacks
     * is refused, as reading another column in its place would answer for the wrong inputs.
     */
    static StoredInput match(RowStore.Stored rows, List<String> model, List<String> dataset, String datasetId,
            List<FieldViolation> violations) {
        List<String> missing = new ArrayList<>(model);
        missing.removeAll(dataset);
        List<String> numbered = Names.numbered("x", model.size());
        if (model.equals(dataset) || !missing.isEmpty() && (model.equals(numbered) || dataset.equals(numbered))) {
            return new StoredInput(rows, null);
        }
        if (missing.isEmpty()) {
            // the same names (as many, each once) in another order
            return new StoredInput(rows, model.stream().mapToInt(dataset::indexOf).toArray());
        }
        violations.add(FieldViolation.of("datasetId", datasetId, "has no feature named " + Names.preview(missing)
                + ": the model takes " + Names.preview(model) + ", the data set has " + Names.preview(dataset)));
        return null;
    }

}
