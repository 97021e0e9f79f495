package io.backprop.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Names, versions and aliases over real HTTP. */
@ServiceTest
class RegistryTests extends HttpApiTests {

    private static final String ROWS = "{\"features\": [[0,0],[0,1],[1,0],[1,1]]}";

    /** Trains the XOR network under {@code name} with this seed and learning rate; returns its model id. */
    private String version(String name, int seed, double learningRate) {
        String id = api.train(ApiClient.xor(200).replace("\"name\": \"xor\"", "\"name\": \"" + name + "\"")
                .replace("\"seed\": 7", "\"seed\": " + seed).replace("\"learningRate\": 1.0",
                        "\"learningRate\": " + learningRate));
        api.awaitSucceeded(id);
        return id;
    }

    private static String newName() {
        return "churn-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void alias(String name, String alias, int version) {
        api.http().put().uri("/registry/{name}/aliases/{alias}", name, alias).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", version)).exchange().expectStatus().isOk();
    }

    @Test
    void eachSuccessIsTheNextVersionAndFailuresTakeNoNumber() {
        String name = newName();
        String first = version(name, 1, 1.0);
        String cancelled = api.train(ApiClient.LONG.replace("\"name\": \"long\"", "\"name\": \"" + name + "\""));
        api.post("/models/" + cancelled + "/cancel", Map.of());
        String second = version(name, 2, 1.0);

        JsonNode registered = api.get("/registry/" + name);

        assertThat(registered.get("versions").valueStream().map(v -> v.get("version").asInt() + " " + v.get("modelId")
                .asString())).containsExactly("1 " + first, "2 " + second);
        assertThat(registered.get("versions").get(1).get("seed").asLong()).isEqualTo(2);
        assertThat(registered.get("versions").get(1).get("dataSha256").asString()).hasSize(64);
        assertThat(registered.get("versions").get(1).get("metrics").get("training").has("accuracy")).isTrue();
        assertThat(api.get("/models/" + second).get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/models/" + cancelled).get("version").isNull()).isTrue();
        assertThat(api.get("/registry").valueStream().filter(n -> n.get("name").asString().equals(name)))
                .singleElement().satisfies(n -> {
                    assertThat(n.get("versions").asInt()).isEqualTo(2);
                    assertThat(n.get("latest").asInt()).isEqualTo(2);
                });
        api.http().get().uri("/registry/{name}", "never-" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void versionsAndAliasesAnswerLikeTheirModels() {
        String name = newName();
        String first = version(name, 1, 1.0);
        String second = version(name, 2, 1.0);
        alias(name, "champion", 1);

        assertThat(api.get("/registry/" + name + "/aliases/champion").get("id").asString()).isEqualTo(first);
        assertThat(api.get("/registry/" + name + "/versions/2").get("id").asString()).isEqualTo(second);
        assertThat(api.post("/registry/" + name + "/aliases/champion/predict", ROWS))
                .isEqualTo(api.post("/models/" + first + "/predict", ROWS));
        assertThat(api.post("/registry/" + name + "/versions/2/predict", ROWS))
                .isEqualTo(api.post("/models/" + second + "/predict", ROWS));
        String labelled = "{\"features\": [[0,0],[0,1]], \"targets\": [[0],[1]]}";
        assertThat(api.post("/registry/" + name + "/versions/1/evaluate", labelled))
                .isEqualTo(api.post("/models/" + first + "/evaluate", labelled));
        assertThat(api.get("/registry/" + name).get("aliases").get("champion").asInt()).isEqualTo(1);

        api.http().put().uri("/registry/{name}/aliases/{alias}", name, "9lives")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 1)).exchange().expectStatus()
                .isBadRequest();
        api.http().put().uri("/registry/{name}/aliases/staging", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 7)).exchange().expectStatus().isNotFound();
        api.http().put().uri("/registry/{name}/aliases/staging", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", -1)).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("version")
                .jsonPath("$.errors[0].message").isEqualTo("must be a version number, from 1");
        api.http().post().uri("/registry/{name}/aliases/nobody/predict", name).contentType(MediaType.APPLICATION_JSON)
                .body(ROWS).exchange().expectStatus().isNotFound().expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.http().delete().uri("/registry/{name}/aliases/champion", name).exchange().expectStatus().isNoContent();
        api.http().get().uri("/registry/{name}/aliases/champion", name).exchange().expectStatus().isNotFound();
    }

    @Test
    void aVersionAnAliasPointsAtCannotBeDeleted() {
        String name = newName();
        String first = version(name, 1, 1.0);
        alias(name, "champion", 1);
        alias(name, "staging", 1);

        api.http().delete().uri("/registry/{name}/versions/1", name).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/version-has-aliases")
                .jsonPath("$.aliases[0]").isEqualTo("champion").jsonPath("$.aliases[1]").isEqualTo("staging");
        api.http().delete().uri("/models/" + first).exchange().expectStatus().isEqualTo(409);
        api.get("/models/" + first);

        api.http().delete().uri("/registry/{name}/aliases/champion", name).exchange().expectStatus().isNoContent();
        api.http().delete().uri("/registry/{name}/aliases/staging", name).exchange().expectStatus().isNoContent();
        api.http().delete().uri("/registry/{name}/versions/1", name).exchange().expectStatus().isNoContent();
        api.http().get().uri("/models/" + first).exchange().expectStatus().isNotFound();
    }

    @Test
    void aComparisonShowsExactlyTheFieldsThatDifferAndTheMetricDeltas() {
        String name = newName();
        version(name, 7, 1.0);
        version(name, 8, 0.5);

        JsonNode comparison = api.get("/registry/" + name + "/compare?from=1&to=2");

        assertThat(comparison.get("spec").valueStream().map(change -> change.get("field").asString() + ": "
                + change.get("from") + " → " + change.get("to")))
                .containsExactly("training.learningRate: 1.0 → 0.5", "training.seed: 7 → 8");
        assertThat(comparison.get("data").get("same").asBoolean()).isTrue();
        JsonNode cost = comparison.get("metrics").valueStream()
                .filter(metric -> metric.get("metric").asString().equals("training.cost")).findFirst().orElseThrow();
        assertThat(cost.get("delta").asDouble()).isEqualTo(cost.get("to").asDouble() - cost.get("from").asDouble());
        assertThat(api.get("/registry/" + name + "/compare?from=1&to=1").get("spec")).isEmpty();
    }

    @Test
    void movingAnAliasUnderEightPredictingThreadsGivesEveryAnswerWholeFromOneVersion() throws Exception {
        String name = newName();
        List<JsonNode> expected = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            expected.add(api.post("/models/" + version(name, seed, 1.0) + "/predict", ROWS).get("outputs"));
        }
        assertThat(expected).doesNotHaveDuplicates();
        alias(name, "champion", 1);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest predict = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/registry/" + name
                + "/aliases/champion/predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ROWS)).build();
        AtomicBoolean moving = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        int[][] seen = new int[8][3];
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            clients.add(threads.submit(() -> {
                for (int i = 0; i < 5_000 && moving.get(); i++) {
                    HttpResponse<String> answer = http.send(predict, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        problems.add(answer.statusCode() + " " + answer.body());
                        continue;
                    }
                    int version = expected.indexOf(ApiClient.json(answer.body()).get("outputs"));
                    if (version < 0) {
                        problems.add("outputs of no version: " + answer.body());
                    }
                    else {
                        seen[thread][version]++;
                    }
                }
                return null;
            }));
        }
        Thread.sleep(400);
        alias(name, "champion", 2);
        Thread.sleep(400);
        alias(name, "champion", 3);
        Thread.sleep(1_200);
        moving.set(false);
        for (Future<?> client : clients) {
            client.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(problems).isEmpty();
        int[] total = new int[3];
        Arrays.stream(seen).forEach(counts -> Arrays.setAll(total, v -> total[v] + counts[v]));
        assertThat(total).as("answers per version").doesNotContain(0);
        // a second after the last move, every answer is the new version's
        assertThat(api.post("/registry/" + name + "/aliases/champion/predict", ROWS).get("outputs"))
                .isEqualTo(expected.get(2));
    }
}
