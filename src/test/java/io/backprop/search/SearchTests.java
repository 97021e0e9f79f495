package io.backprop.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Grid and random searches over real HTTP: trials are models, the best is named from their own metrics. */
@ServiceTest
class SearchTests extends HttpApiTests {

    private static final String XOR_BASE = """
            {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
             "architecture": {"layers": [{"units": 3, "activation": "tanh", "init": "xavier"},
                                         {"units": 1, "activation": "sigmoid"}], "loss": "binary_cross_entropy"},
             "training": {"epochs": %d, "seed": 7}}""";

    private JsonNode start(String search) {
        return ApiClient.json(api.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON).body(search)
                .exchange().expectStatus().isAccepted().expectHeader().exists("Location").expectBody(String.class)
                .returnResult().getResponseBody());
    }

    private JsonNode await(String id, Predicate<JsonNode> done) {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode search = api.get("/searches/" + id);
        while (!done.test(search) && System.nanoTime() < until) {
            sleep(100);
            search = api.get("/searches/" + id);
        }
        assertThat(done.test(search)).as("search %s in time: %s", id, search).isTrue();
        return search;
    }

    private JsonNode awaitEnd(String id) {
        return await(id, s -> !s.get("status").asString().equals("RUNNING"));
    }

    @Test
    void aGridOfTwoLearningRatesByTwoHiddenSizesRunsFourTrialsAndNamesTheBest() {
        JsonNode started = start("""
                {"base": %s,
                 "space": {"training.learningRate": [0.1, 1.0], "architecture.layers[0].units": [2, 4]},
                 "objective": {"metric": "training.cost"}, "budget": {"parallel": 2}}""".formatted(XOR_BASE
                .formatted(300)));
        assertThat(started.get("progress").get("total").asInt()).isEqualTo(4);
        JsonNode search = awaitEnd(started.get("id").asString());

        assertThat(search.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(search.get("outcome").asString()).contains("all 4 trials ended");
        assertThat(search.get("progress").get("done").asInt()).isEqualTo(4);
        List<String> expected = List.of("0.1 2", "0.1 4", "1.0 2", "1.0 4");
        List<JsonNode> models = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JsonNode trial = search.get("trials").get(t);
            JsonNode settings = trial.get("settings");
            assertThat(settings.get("training.learningRate").asDouble() + " "
                    + settings.get("architecture.layers[0].units").asInt()).isEqualTo(expected.get(t));
            JsonNode model = api.get("/models/" + trial.get("modelId").asString());
            // each trial is an ordinary model trained with its settings, and its metric is its own cost
            assertThat(model.at("/spec/training/learningRate").asDouble()).isEqualTo(
                    settings.get("training.learningRate").asDouble());
            assertThat(model.at("/spec/architecture/layers/0/units").asInt()).isEqualTo(
                    settings.get("architecture.layers[0].units").asInt());
            assertThat(trial.get("metric").asDouble()).isEqualTo(model.at("/metrics/training/cost").asDouble());
            assertThat(model.get("searchId").asString()).isEqualTo(search.get("id").asString());
            assertThat(model.get("version").isNull()).isTrue();
            models.add(model);
        }
        JsonNode best = models.stream().min(Comparator.comparingDouble(m -> m.at("/metrics/training/cost").asDouble()))
                .orElseThrow();
        assertThat(search.at("/best/modelId").asString()).isEqualTo(best.get("id").asString());
        JsonNode sorted = api.get("/searches/" + search.get("id").asString() + "?sort=metric").get("trials");
        assertThat(sorted.get(0).get("modelId").asString()).isEqualTo(best.get("id").asString());
        for (int t = 1; t < 4; t++) {
            assertThat(sorted.get(t).get("metric").asDouble()).isGreaterThanOrEqualTo(
                    sorted.get(t - 1).get("metric").asDouble());
        }
        // trials stay out of the default list, and the best is registered in one call
        assertThat(api.get("/models?size=100").get("content").valueStream().map(m -> m.get("id").asString()))
                .doesNotContainAnyElementsOf(models.stream().map(m -> m.get("id").asString()).toList());
        String name = "xor-tuned-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode registered = api.post("/searches/" + search.get("id").asString() + "/register", Map.of("name", name));
        assertThat(registered.get("id").asString()).isEqualTo(best.get("id").asString());
        assertThat(registered.get("version").asInt()).isEqualTo(1);
        assertThat(api.get("/registry/" + name).at("/versions/0/modelId").asString())
                .isEqualTo(best.get("id").asString());
        api.http().post().uri("/searches/{id}/register", search.get("id").asString())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name)).exchange().expectStatus()
                .isEqualTo(409);
        assertThat(api.predict(best.get("id").asString(), ApiClient.GATES).get("outputs")).hasSize(4);

        // deleting the search deletes its trials but the registered one, which becomes an ordinary model
        api.http().delete().uri("/searches/{id}", search.get("id").asString()).exchange().expectStatus()
                .isNoContent();
        api.http().get().uri("/searches/{id}", search.get("id").asString()).exchange().expectStatus().isNotFound();
        models.stream().map(m -> m.get("id").asString()).filter(id -> !id.equals(best.get("id").asString()))
                .forEach(id -> api.http().get().uri("/models/{id}", id).exchange().expectStatus().isNotFound());
        assertThat(api.get("/models?size=100").get("content").valueStream().map(m -> m.get("id").asString()))
                .contains(best.get("id").asString());
    }

    @Test
    void aRandomSearchStopsEarlyOnceATrialReachesTheGoal() {
        JsonNode started = start("""
                {"base": %s, "strategy": "random", "seed": 11,
                 "space": {"training.learningRate": {"min": 0.5, "max": 2.0, "scale": "log"},
                           "architecture.layers[0].units": {"min": 3, "max": 6}},
                 "objective": {"metric": "training.accuracy", "goal": 1.0},
                 "budget": {"maxTrials": 20, "parallel": 1}}""".formatted(XOR_BASE.formatted(2000)));
        JsonNode search = awaitEnd(started.get("id").asString());

        assertThat(search.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(search.get("outcome").asString()).startsWith("goal 1.0 reached by trial");
        assertThat(search.at("/best/metric").asDouble()).isEqualTo(1.0);
        assertThat(search.at("/progress/total").asInt()).isEqualTo(20);
        long started20 = search.get("trials").valueStream().filter(t -> t.has("modelId")).count();
        assertThat(started20).as("trials started before the goal ended the search").isLessThan(20);
        assertThat(search.get("trials").valueStream().filter(t -> t.get("status").asString().equals("SKIPPED")))
                .hasSize(20 - (int) started20);
        search.get("trials").forEach(trial -> {
            double rate = trial.at("/settings/training.learningRate").asDouble();
            JsonNode units = trial.at("/settings/architecture.layers[0].units");
            assertThat(rate).isBetween(0.5, 2.0);
            assertThat(units.isIntegralNumber()).isTrue();
            assertThat(units.asInt()).isBetween(3, 6);
        });
        assertThat(search.get("request").get("seed").asLong()).isEqualTo(11);
    }

    @Test
    void cancellingASearchCancelsItsQueuedAndRunningTrialsAndItsEventsEnd() throws Exception {
        JsonNode started = start("""
                {"base": %s, "space": {"training.learningRate": [0.1, 0.2, 0.3, 0.4]},
                 "objective": {"metric": "training.cost"}, "budget": {"parallel": 2}}""".formatted(ApiClient.LONG));
        String id = started.get("id").asString();
        await(id, s -> s.at("/progress/active").asInt() == 2);
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/searches/" + id + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        JsonNode cancelled = api.post("/searches/" + id + "/cancel", Map.of());

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        List<String> trials = cancelled.get("trials").valueStream().filter(t -> t.has("modelId"))
                .map(t -> t.get("modelId").asString()).toList();
        assertThat(trials).hasSize(2);
        trials.forEach(model -> assertThat(api.awaitStatus(model, "CANCELLED", Duration.ofSeconds(10))
                .get("status").asString()).isEqualTo("CANCELLED"));
        assertThat(cancelled.get("trials").valueStream().filter(t -> !t.has("modelId"))
                .map(t -> t.get("status").asString())).containsOnly("SKIPPED");
        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).strip());
                }
            }
        }
        assertThat(events).startsWith("state").endsWith("end");
        // a cancelled search stays cancelled
        assertThat(api.post("/searches/" + id + "/cancel", Map.of()).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aSearchPastItsTimeBudgetEndsAndCancelsWhatStillTrains() {
        JsonNode started = start("""
                {"base": %s, "space": {"training.learningRate": [0.1, 0.2]}, "objective": {"metric": "training.cost"},
                 "budget": {"parallel": 1, "maxSeconds": 2}}""".formatted(ApiClient.LONG));
        JsonNode search = awaitEnd(started.get("id").asString());

        assertThat(search.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(search.get("outcome").asString()).isEqualTo("time budget of 2 s spent after 0 of 2 trials");
        assertThat(Duration.between(java.time.Instant.parse(search.get("createdAt").asString()),
                java.time.Instant.parse(search.get("finishedAt").asString()))).isBetween(Duration.ofSeconds(2),
                        Duration.ofSeconds(5));
        String trial = search.at("/trials/0/modelId").asString();
        assertThat(api.awaitStatus(trial, "CANCELLED", Duration.ofSeconds(10)).get("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(search.at("/trials/1/status").asString()).isEqualTo("SKIPPED");
    }

    @Test
    void searchesAreCheckedBeforeAnyTrialIsStored() {
        String base = XOR_BASE.formatted(100);
        assertThat(problem("""
                {"base": %s, "space": {"training.learnRate": [0.1]}, "objective": {"metric": "training.cost"}}"""
                .formatted(base))).contains("space.training.learnRate");
        assertThat(problem("""
                {"base": %s, "space": {"training.learningRate": [0.1, -1]}, "objective": {"metric": "training.cost"}}"""
                .formatted(base))).contains("space.training.learningRate");
        assertThat(problem("""
                {"base": %s, "space": {"training.learningRate": {"min": 0.1, "max": 1}},
                 "objective": {"metric": "training.cost"}}""".formatted(base))).contains("space.training.learningRate");
        assertThat(problem("""
                {"base": %s, "space": {"training.learningRate": [0.1]}, "objective": {"metric": "validation.accuracy"}}"""
                .formatted(base))).contains("objective.metric");
        assertThat(problem("""
                {"base": %s, "space": {"dataset.features": [[[0]]]}, "objective": {"metric": "training.cost"}}"""
                .formatted(base))).contains("space.dataset.features");
        assertThat(problem("""
                {"base": %s, "space": {"training.learningRate": [0.1]}, "objective": {"metric": "training.rmse"}}"""
                .formatted(base))).contains("objective.metric");
        assertThat(problem("""
                {"base": %s, "space": {"architecture.layers[5].units": [2]}, "objective": {"metric": "training.cost"}}"""
                .formatted(base))).contains("space.architecture.layers[5].units");
        assertThat(problem("""
                {"base": %s, "space": {"training.learningRate": [0.1]}, "objective": {"metric": "training.cost"},
                 "budget": {"parallel": 99, "maxTrials": 0}}""".formatted(base))).contains("budget.parallel",
                        "budget.maxTrials");
    }

    @Test
    void aBaseThatIsNotATrainingRequestIsReportedWithItsValue() {
        JsonNode problem = ApiClient.json(api.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"base": [7], "space": {"training.learningRate": [0.1]}, "objective": {"metric": "training.cost"}}""")
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());

        JsonNode base = problem.get("errors").valueStream().filter(e -> e.get("field").asString().equals("base"))
                .findFirst().orElseThrow();
        assertThat(base.get("value").asString()).isEqualTo("[7]");
    }

    private List<String> problem(String search) {
        JsonNode problem = ApiClient.json(api.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON)
                .body(search).exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult()
                .getResponseBody());
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
