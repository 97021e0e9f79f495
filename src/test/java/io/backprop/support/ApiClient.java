package io.backprop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running service over real HTTP, the way a client of the API does: JSON in, JSON out. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestTestClient http;

    public ApiClient(int port) {
        this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** A client that sends {@code key} with every request. */
    public ApiClient(int port, String key) {
        this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
    }

    public RestTestClient http() {
        return http;
    }

    /**
     * POSTs a training request that must be accepted, queued (202, QUEUED) or trained at once (201, ended);
     * returns the new model's id.
     */
    public String train(String body) {
        var answer = http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectHeader().exists("Location").expectBody(String.class).returnResult();
        JsonNode model = json(answer.getResponseBody());
        String status = model.get("status").asString();
        if (answer.getStatus().value() == 201) {
            assertThat(status).isIn("SUCCEEDED", "FAILED");
        }
        else {
            assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(202);
            assertThat(status).isEqualTo("QUEUED");
        }
        return model.get("id").asString();
    }

    public JsonNode get(String path) {
        return json(http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    public JsonNode post(String path, Object body) {
        return json(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    /** Posts and expects something created: 201. */
    public JsonNode create(String path, Object body) {
        return json(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    public JsonNode predict(String id, double[][] features) {
        return post("/models/" + id + "/predict", Map.of("features", features));
    }

    /** Polls the model until it reaches {@code status} (and fails fast if it ends in another final state). */
    public JsonNode awaitStatus(String id, String status, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            String now = get("/models/" + id).get("status").asString();
            assertThat(now).as("model %s", id).isIn(List.of("QUEUED", "RUNNING", status));
            return now.equals(status);
        });
        return get("/models/" + id);
    }

    public JsonNode awaitSucceeded(String id) {
        return awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(60));
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public static double[][] matrix(JsonNode node) {
        return JSON.treeToValue(node, double[][].class);
    }

    public static String xor(int epochs) {
        return """
                {"name": "xor",
                 "dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
                 "architecture": {"layers": [{"units": 3, "activation": "sigmoid", "init": "xavier"},
                                             {"units": 1, "activation": "sigmoid"}]},
                 "training": {"epochs": %d, "learningRate": 1.0, "seed": 7}}""".formatted(epochs);
    }

    /** The first tutorial's OR unit, from w = [0.1, 0.6] and b = 0. */
    public static final String OR = """
            {"name": "or",
             "dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[1]]},
             "architecture": {"layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.1, 0.6]], "biases": [0]}]},
             "training": {"epochs": 5000, "learningRate": 1.0}}""";

    /** A job that takes about a minute: long enough to be cancelled, stopped or found running. */
    public static final String LONG = """
            {"name": "long",
             "dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
             "architecture": {"layers": [{"units": 64, "init": "xavier"}, {"units": 64, "init": "xavier"},
                                         {"units": 1}]},
             "training": {"epochs": 1000000, "learningRate": 0.5, "seed": 1}}""";

    public static final double[][] GATES = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    /**
     * A job whose every epoch takes many seconds (20,000 steps of one row through two layers of 512 units), to
     * show what happens within an epoch; {@code training} is added to its training settings.
     */
    public static String slowEpochs(String training) {
        java.util.Random random = new java.util.Random(1);
        StringBuilder features = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            features.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 10; j++) {
                features.append(j == 0 ? "" : ",").append(random.nextInt(1000) / 1000.0);
            }
            features.append(']');
            targets.append(i == 0 ? "[" : ",[").append(random.nextInt(2)).append(']');
        }
        return """
                {"name": "slow epochs", "dataset": {"features": [%s], "targets": [%s]},
                 "architecture": {"layers": [{"units": 512, "activation": "relu", "init": "he"},
                                             {"units": 512, "activation": "relu", "init": "he"}, {"units": 1}]},
                 "training": {"epochs": 5, "batchSize": 1, "learningRate": 0.01, "seed": 1%s}}"""
                .formatted(features, targets, training.isEmpty() ? "" : ", " + training);
    }
}
