package io.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.backprop.support.LimitedServiceTest;
import io.backprop.support.HttpApiTests;

/** The prediction cache holds no more than its bytes, and a deleted model leaves it. */
@LimitedServiceTest
class PredictionCacheTests extends HttpApiTests {

    @Autowired
    TrainedModels trained;

    @Test
    void cacheShouldHoldNoMoreThanItsBytesAndLetDeletedModelsGo() {
        // about 14,500 parameters: some 2.6 MB once cached with the buffers kept for predictions, so an 8 MB cache
        // holds three of them at most
        String request = "{\"dataset\": {\"features\": [[0],[1]], \"targets\": [[0],[1]]}, \"architecture\": "
                + "{\"layers\": [{\"units\": 118}, {\"units\": 118}, {\"units\": 1}]}, \"training\": {\"epochs\": 1}}";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(api.train(request));
            api.awaitSucceeded(ids.get(i));
            api.predict(ids.get(i), new double[][] {{1}});
        }

        assertThat(trained.cachedBytes()).isPositive().isLessThanOrEqualTo(8 * 1024 * 1024);
        ids.forEach(id -> api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent());
        assertThat(trained.cachedBytes()).as("deleted models leave the cache").isZero();
    }
}
