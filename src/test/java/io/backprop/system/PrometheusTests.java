package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;

/** What a Prometheus server scraping /actuator/prometheus sees after a job, predictions and refusals. */
@ServiceTest
class PrometheusTests extends HttpApiTests {

    @Test
    void jobsPredictionsAndRefusalsAreScrapedByPrometheusNames() {
        String id = api.train(ApiClient.xor(100));
        api.awaitSucceeded(id);
        api.predict(id, ApiClient.GATES);
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("{\"dataset\": {}}")
                .exchange().expectStatus().isBadRequest();
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_XML).body("<model/>").exchange()
                .expectStatus().isEqualTo(415);

        String scrape = api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).contains("backprop_jobs{status=\"queued\"}", "backprop_jobs{status=\"running\"}",
                "backprop_jobs_ended_total{outcome=\"succeeded\"}", "backprop_training_duration_seconds_bucket",
                "backprop_training_epochs_per_second_count", "backprop_training_divergences_total",
                "backprop_predictions_seconds_bucket",
                "backprop_requests_rejected_total{reason=\"invalid-request\",status=\"400\"}",
                "backprop_requests_rejected_total{reason=\"http\",status=\"415\"}",
                "jvm_memory_used_bytes", "hikaricp_connections_active", "http_server_requests_seconds_count");
        // the context is shared: past the first 20 models predicted with, a model's label is "other"
        assertThat(scrape).containsPattern("backprop_predictions_seconds_count\\{model=\"(" + id
                + "|other)\",outcome=\"ok\"}");
    }
}
