package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Jobs small enough train at once, in the request: answered 201 with the model as it ended. */
@ServiceTest
class TrainingAtOnceTests extends HttpApiTests {

    @Test
    void aTinyJobShouldBeAnsweredTrainedAndEqualToTheSameJobThroughTheQueue() {
        var answer = api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(ApiClient.xor(500)).exchange().expectStatus().isCreated().expectBody(String.class)
                .returnResult();
        JsonNode model = ApiClient.json(answer.getResponseBody());
        String id = model.get("id").asString();

        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/models/" + id);
        assertThat(model.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(model.at("/progress/epoch").asInt()).isEqualTo(500);
        assertThat(Instant.parse(model.get("createdAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(model.get("startedAt").asString()));
        assertThat(Instant.parse(model.get("startedAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(model.get("finishedAt").asString()));
        assertThat(api.get("/models/" + id)).isEqualTo(model);
        assertThat(api.get("/models/" + id + "/learning-curve").get("points")).hasSize(501);

        // a replay trains the same request through the queue
        JsonNode replay = api.post("/models/" + id + "/replay", Map.of());
        assertThat(replay.get("identical").asBoolean()).isTrue();
        JsonNode queued = api.get("/models/" + replay.get("modelId").asString());
        assertThat(queued.get("metrics")).isEqualTo(model.get("metrics"));
        assertThat(queued.get("receipt")).isEqualTo(model.get("receipt"));
    }

    @Test
    void aJobPastTheStepsTrainedAtOnceShouldBeQueued() {
        // XOR is one batch an epoch: 10,001 epochs are one step more than a job trained at once takes
        String id = ApiClient.json(api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(ApiClient.xor(10_001)).exchange().expectStatus().isAccepted().expectBody(String.class)
                .returnResult().getResponseBody()).get("id").asString();

        assertThat(api.awaitSucceeded(id).at("/progress/epoch").asInt()).isEqualTo(10_001);
    }

    @Test
    void aTinyJobThatDivergesShouldBeAnsweredFailedWithTheReason() {
        JsonNode model = trainedAtOnce("1e9");

        assertThat(model.get("status").asString()).isEqualTo("FAILED");
        assertThat(model.get("error").asString()).startsWith("training diverged at epoch ")
                .endsWith("with learningRate 1000000000; try a smaller learning rate");
        assertThat(model.get("version").isNull()).isTrue();
    }

    @Test
    void aHugeLearningRateShouldBeNamedInItsShortForm() {
        assertThat(trainedAtOnce("1e308").get("error").asString())
                .endsWith("with learningRate 1E+308; try a smaller learning rate");
    }

    /** XOR for 500 epochs at {@code learningRate}: small enough to be answered as it ended. */
    private JsonNode trainedAtOnce(String learningRate) {
        return ApiClient.json(api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(ApiClient.xor(500).replace("\"learningRate\": 1.0", "\"learningRate\": " + learningRate))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }
}
