package io.backprop.model;

import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

import io.backprop.network.Parameters;
import io.backprop.system.ResourceIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trained models kept in memory (least recently used first out), so that predictions neither query the
 * database nor parse parameters. A SUCCEEDED model never changes, so a cached one is never stale.
 */
@Component
class TrainedModels {

    private final ModelRepository models;
    private final ModelResultRepository results;
    private final JsonMapper json;
    private final ConcurrentLruCache<String, TrainedModel> cache;

    TrainedModels(ModelRepository models, ModelResultRepository results, JsonMapper json,
            ModelProperties properties) {
        this.models = models;
        this.results = results;
        this.json = json;
        this.cache = new ConcurrentLruCache<>(properties.cacheSize(), this::load);
    }

    /**
     * @throws ModelNotFoundException when there is no such model
     * @throws ModelStateException when it has not finished training successfully
     */
    TrainedModel get(String id) {
        if (!ResourceIds.wellFormed(id)) {
            throw new ModelNotFoundException(id);
        }
        return cache.get(id);
    }

    void evict(String id) {
        cache.remove(id);
    }

    private TrainedModel load(String id) {
        Model model = models.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
        if (model.status() != ModelStatus.SUCCEEDED) {
            throw new ModelStateException(id, model.status(), "only a SUCCEEDED model has trained parameters");
        }
        ModelResult result = results.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
        return new TrainedModel(json.readValue(model.spec(), ModelSpec.class),
                json.readValue(model.preprocessing(), Preparation.class),
                json.readValue(result.parameters(), Parameters.class));
    }
}
