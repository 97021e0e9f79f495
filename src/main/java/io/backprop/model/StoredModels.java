package io.backprop.model;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.backprop.access.Caller;
import io.backprop.dataset.RowSet;
import io.backprop.dataset.RowStore;
import io.backprop.system.ResourceIds;

/** What other features read of stored models: a trained model whole, and the rows a model was trained on. */
@Component
public class StoredModels {

    private final ModelRepository models;
    private final ModelResultRepository results;
    private final ModelDatasetRepository datasets;
    private final RowStore rows;

    StoredModels(ModelRepository models, ModelResultRepository results, ModelDatasetRepository datasets,
            RowStore rows) {
        this.models = models;
        this.results = results;
        this.datasets = datasets;
        this.rows = rows;
    }

    /**
     * @throws ModelNotFoundException when there is no such model
     * @throws ModelStateException when it has not finished training successfully
     */
    public StoredModel trained(String id) {
        Model model = find(id);
        if (model.status() != ModelStatus.SUCCEEDED) {
            throw new ModelStateException(id, model.status(), "only a SUCCEEDED model has trained parameters");
        }
        ModelResult result = results.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
        return new StoredModel(model.owner(), model.spec(), model.fit(), result.parameters());
    }

    /** @throws ModelNotFoundException when there is no such model, or the caller may not see it */
    public void requireVisible(String id) {
        find(id);
    }

    /** Whether the model is still stored (another replica may have deleted it). */
    public boolean exists(String id) {
        return ResourceIds.wellFormed(id) && models.existsById(id);
    }

    /** The rows the model was trained on (all of them, before the split). */
    public RowSet trainingRows(String id) {
        Model model = find(id);
        return datasets.findById(id).map(stored -> rows.read(stored.rowSetId(), model.spec().dataset().featureNames(),
                model.spec().dataset().targetNames())).orElseThrow(() -> new ModelNotFoundException(id));
    }

    Model find(String id) {
        return lookup(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /**
     * The model of this id, if there is one and the caller may see it (another owner's model is not found); an id
     * that is no id is looked up nowhere.
     */
    Optional<Model> lookup(String id) {
        return Optional.ofNullable(ResourceIds.wellFormed(id) ? id : null).flatMap(models::findById)
                .filter(model -> Caller.maySee(model.owner()));
    }
}
