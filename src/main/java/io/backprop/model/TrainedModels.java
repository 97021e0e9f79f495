package io.backprop.model;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Component;

import io.backprop.system.ResourceIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trained models kept in memory, so that predictions neither query the database nor decode parameters; bounded by
 * the memory they take and by their number, the least used leaving first. A SUCCEEDED model never changes, so a
 * cached one is never stale.
 */
@Component
class TrainedModels {

    private final ModelRepository models;
    private final ModelResultRepository results;
    private final JsonMapper json;
    private final LoadingCache<String, TrainedModel> cache;

    TrainedModels(ModelRepository models, ModelResultRepository results, JsonMapper json,
            ModelProperties properties) {
        this.models = models;
        this.results = results;
        this.json = json;
        long maxBytes = properties.cacheBytes().toBytes();
        // every model weighs at least an equal share, so the weight bound also bounds the count
        long share = Math.max(1, maxBytes / properties.cacheSize());
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String id, TrainedModel model) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(share, model.memoryBytes())))
                .build(this::load);
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
        cache.invalidate(id);
    }

    /** The memory the cached models take, as weighed. */
    long cachedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private TrainedModel load(String id) {
        Model model = models.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
        if (model.status() != ModelStatus.SUCCEEDED) {
            throw new ModelStateException(id, model.status(), "only a SUCCEEDED model has trained parameters");
        }
        ModelResult result = results.findById(id).orElseThrow(() -> new ModelNotFoundException(id));
        return new TrainedModel(json.readValue(model.spec(), ModelSpec.class),
                json.readValue(model.preprocessing(), Preparation.class),
                ParametersCodec.decode(result.parameterBytes()));
    }
}
