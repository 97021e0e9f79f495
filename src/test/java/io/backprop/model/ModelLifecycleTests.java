package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/** Cancelling, deleting and the bounded queue, with one training thread and one waiting place. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:model-lifecycle;DB_CLOSE_DELAY=-1",
        "backprop.training.threads=1", "backprop.training.queue-capacity=1", "backprop.training.retry-after=7s",
        "backprop.training.progress-interval=50ms" })
class ModelLifecycleTests extends HttpApiTests {

    String running;
    String queued;

    @BeforeEach
    void occupyTheQueue() {
        running = api.train(ApiClient.LONG);
        api.awaitStatus(running, "RUNNING", Duration.ofSeconds(10));
        queued = api.train(ApiClient.LONG);
    }

    @AfterEach
    void clearTheQueue() {
        api.http().delete().uri("/models/" + running).exchange();
        api.http().delete().uri("/models/" + queued).exchange();
    }

    @Test
    void fullQueueShouldAnswer429WithRetryAfterAndStoreNothing() {
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.LONG).exchange()
                .expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "7")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/queue-full");

        assertThat(api.get("/models").at("/page/totalElements").asInt()).isEqualTo(2);
    }

    @Test
    void fullQueueShouldRefuseBeforeCheckingTheRequest() {
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("{\"training\": {\"epochs\": 0}}")
                .exchange().expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/queue-full");
    }

    @Test
    void fullQueueShouldRefuseBeforeReadingTheRequest() {
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("{not json").exchange()
                .expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "7")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/queue-full")
                .jsonPath("$.instance").isEqualTo("/models");
    }

    @Test
    void cancelledQueuedJobsShouldGiveTheirPlacesBackAtOnce() {
        for (int round = 0; round < 5; round++) {
            // refused first, so that the queue is known full when the place is given back
            api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.LONG).exchange()
                    .expectStatus().isEqualTo(429);
            String cancelled = queued;
            api.post("/models/" + cancelled + "/cancel", "");
            queued = api.train(ApiClient.LONG);
            api.http().delete().uri("/models/" + cancelled).exchange().expectStatus().isNoContent();
        }

        assertThat(api.get("/models/" + running).get("status").asString()).isEqualTo("RUNNING");
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.LONG).exchange()
                .expectStatus().isEqualTo(429);
    }

    @Test
    void runningJobShouldReportProgressAndRefusePredictions() {
        JsonNode model = api.awaitStatus(running, "RUNNING", Duration.ofSeconds(5));
        assertThat(model.at("/progress/epochs").asInt()).isEqualTo(1_000_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/models/" + running).at("/progress/epoch").asInt() > 0);

        api.http().post().uri("/models/" + running + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[0,0]]}").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.modelStatus").isEqualTo("RUNNING");
        api.http().get().uri("/models/" + queued + "/parameters").exchange().expectStatus().isEqualTo(409);
        assertThat(api.get("/models/" + running + "/learning-curve").get("points").size()).isPositive();
    }

    @Test
    void cancellingShouldStopQueuedAndRunningJobsForGood() {
        JsonNode cancelledQueued = api.post("/models/" + queued + "/cancel", "");
        JsonNode cancelledRunning = api.post("/models/" + running + "/cancel", "");

        assertThat(cancelledQueued.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelledRunning.get("status").asString()).isEqualTo("CANCELLED");
        String next = api.train(ApiClient.xor(100));
        api.awaitSucceeded(next);
        assertThat(api.get("/models/" + running).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get("/models/" + queued).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get("/models?status=CANCELLED").at("/page/totalElements").asInt()).isEqualTo(2);
        api.http().post().uri("/models/" + next + "/cancel").exchange().expectStatus().isEqualTo(409);
        api.http().delete().uri("/models/" + next).exchange().expectStatus().isNoContent();
    }

    @Test
    void deletingShouldRemoveQueuedAndRunningJobs() {
        api.http().delete().uri("/models/" + running).exchange().expectStatus().isNoContent();
        api.http().delete().uri("/models/" + queued).exchange().expectStatus().isNoContent();

        api.http().get().uri("/models/" + running).exchange().expectStatus().isNotFound();
        api.http().get().uri("/models/" + queued).exchange().expectStatus().isNotFound();
        String next = api.train(ApiClient.xor(100));
        api.awaitSucceeded(next);
        api.http().delete().uri("/models/" + next).exchange().expectStatus().isNoContent();
    }

    @Test
    void listShouldBeNewestFirstAndPaged() {
        JsonNode page = api.get("/models?size=1&page=0");

        assertThat(page.at("/page/totalElements").asInt()).isEqualTo(2);
        assertThat(page.at("/page/totalPages").asInt()).isEqualTo(2);
        assertThat(page.at("/content/0/id").asString()).isEqualTo(queued);
        assertThat(api.get("/models?size=1&page=1").at("/content/0/id").asString()).isEqualTo(running);
        assertThat(api.get("/models?status=RUNNING").at("/content/0/id").asString()).isEqualTo(running);
    }
}
