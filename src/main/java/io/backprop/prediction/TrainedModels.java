package io.backprop.prediction;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.backprop.access.Caller;
import io.backprop.model.ModelDeleted;
import io.backprop.model.ModelNotFoundException;
import io.backprop.model.StoredModels;
import io.backprop.system.ResourceIds;

/**
 * Trained models kept in memory, so that predictions neither query the database nor decode parameters; bounded by
 * the memory they take and by their number, the least used leaving first. A SUCCEEDED model never changes, so a
 * cached one is never stale; one deleted here leaves at once, one deleted on another replica within the confirm
 * interval (each cached model's existence is read again at most that often). Another owner's model is not found,
 * cached or not.
 */
@Component
class TrainedModels {

    private final LoadingCache<String, TrainedModel> cache;
    /** Models recently confirmed to be still stored. */
    private final LoadingCache<String, Boolean> confirmed;

    TrainedModels(StoredModels stored, ModelProperties properties) {
        this.confirmed = Caffeine.newBuilder().expireAfterWrite(properties.confirmInterval())
                .maximumSize(properties.cacheSize()).build(stored::exists);
        long maxBytes = properties.cacheBytes().toBytes();
        // every model weighs at least an equal share, so the weight bound also bounds the count
        long share = Math.max(1, maxBytes / properties.cacheSize());
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String id, TrainedModel model) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(share, model.memoryBytes())))
                .build(id -> TrainedModel.of(stored.trained(id)));
    }

    /**
     * @throws ModelNotFoundException when there is no such model
     * @throws io.backprop.model.ModelStateException when it has not finished training successfully
     */
    TrainedModel get(String id) {
        if (!ResourceIds.wellFormed(id)) {
            throw new ModelNotFoundException(id);
        }
        TrainedModel model = cache.get(id);
        if (!Caller.maySee(model.owner())) {
            throw new ModelNotFoundException(id);
        }
        if (!confirmed.get(id)) {
            evict(new ModelDeleted(id));
            throw new ModelNotFoundException(id);
        }
        return model;
    }

    @EventListener
    void evict(ModelDeleted deleted) {
        cache.invalidate(deleted.id());
        confirmed.invalidate(deleted.id());
    }

    /** The memory the cached models take, as weighed. */
    long cachedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }
}
