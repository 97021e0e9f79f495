package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.dataset.DatasetStorageTests;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/** The whole path a user takes, over real HTTP; run against each supported database by the subclasses. */
abstract class ModelFlowTests extends HttpApiTests {

    @Autowired
    JdbcTemplate jdbc;


    @Test
    void xorShouldTrainInTheBackgroundAndPredictAllFourRows() {
        String id = api.train(ApiClient.xor(5000));

        JsonNode model = api.awaitSucceeded(id);

        assertThat(model.at("/progress/epoch").asInt()).isEqualTo(5000);
        assertThat(model.at("/metrics/training/cost").asDouble()).isLessThan(0.01);
        assertThat(model.at("/metrics/training/accuracy").asDouble()).isEqualTo(1.0);
        assertThat(model.get("task").asString()).isEqualTo("classification");
        assertThat(model.get("startedAt").isNull()).isFalse();
        assertThat(model.get("finishedAt").isNull()).isFalse();
        JsonNode prediction = api.predict(id, ApiClient.GATES);
        assertThat(prediction.get("labels").toString()).isEqualTo("[0,1,1,0]");
        double[][] outputs = ApiClient.matrix(prediction.get("outputs"));
        assertThat(outputs[0][0]).isLessThan(0.5);
        assertThat(outputs[1][0]).isGreaterThan(0.5);
    }

    @Test
    void orWorkedExampleShouldReproduceTheTutorialsFirstStep() {
        String id = api.train(ApiClient.OR);
        api.awaitSucceeded(id);

        JsonNode points = api.get("/models/" + id + "/learning-curve").get("points");

        assertThat(points.get(0).get("epoch").asInt()).isEqualTo(0);
        assertThat(points.get(0).get("cost").asDouble()).isCloseTo(0.0889, within(0.00005));
        assertThat(points.get(1).get("epoch").asInt()).isEqualTo(1);
        assertThat(points.get(1).get("cost").asDouble()).isCloseTo(0.0840, within(0.00005));
        JsonNode last = points.get(points.size() - 1);
        assertThat(last.get("epoch").asInt()).as("the final parameters' cost ends the curve").isEqualTo(5000);
        assertThat(last.get("cost").asDouble()).isEqualTo(api.get("/models/" + id).at("/metrics/training/cost")
                .asDouble());
        assertThat(points.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void specShouldShowEveryDefaultFilledIn() {
        String id = api.train("""
                {"dataset": {"features": [[0],[1]], "targets": [[0],[1]]},
                 "architecture": {"layers": [{"units": 1}]}}""");

        JsonNode spec = api.get("/models/" + id).get("spec");

        assertThat(spec.at("/architecture/layers/0/activation").asString()).isEqualTo("sigmoid");
        assertThat(spec.at("/architecture/layers/0/init").asString()).isEqualTo("plain");
        assertThat(spec.at("/architecture/layers/0/bias").asBoolean()).isTrue();
        assertThat(spec.at("/architecture/loss").asString()).isEqualTo("squared_error");
        assertThat(spec.at("/architecture/precision").asString()).isEqualTo("float64");
        assertThat(spec.at("/training/epochs").asInt()).isEqualTo(1000);
        assertThat(spec.at("/training/learningRate").asDouble()).isEqualTo(0.1);
        assertThat(spec.at("/training/batchSize").isNull()).isTrue();
        assertThat(spec.at("/training/seed").isNumber()).isTrue();
        assertThat(spec.at("/dataset/featureNames").toString()).isEqualTo("[\"x1\"]");
        api.awaitSucceeded(id);
    }

    @Test
    void parametersShouldBeTheTrainedWeightsInRequestOrientation() {
        String id = api.train(ApiClient.xor(100));
        api.awaitSucceeded(id);

        JsonNode layers = api.get("/models/" + id + "/parameters").get("layers");

        assertThat(ApiClient.matrix(layers.get(0).get("weights"))).hasDimensions(3, 2);
        assertThat(layers.get(0).get("biases").size()).isEqualTo(3);
        assertThat(ApiClient.matrix(layers.get(1).get("weights"))).hasDimensions(1, 3);
    }

    /** PostgreSQL text cannot hold U+0000: such names must be refused alike on every database, before a query. */
    @Test
    void namesAndIdsWithANulShouldBeRefusedNotFail() {
        String nul = "\\u0000";
        String inline = "\"dataset\": {\"features\": [[0],[1]], \"targets\": [[0],[1]]}, "
                + "\"architecture\": {\"layers\": [{\"units\": 1}]}";

        for (String body : new String[] {"{\"name\": \"a" + nul + "b\", " + inline + "}",
                "{\"datasetId\": \"x" + nul + "\", \"architecture\": {\"layers\": [{\"units\": 1}]}}",
                "{" + inline + ", \"initFrom\": \"" + nul + "\"}"}) {
            api.http().post().uri("/models").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(body).exchange().expectStatus().isBadRequest();
        }
        api.http().post().uri("/datasets?targets=y&name={name}", "a\u0000b")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv")).body("x,y\n1,0\n2,1\n")
                .exchange().expectStatus().isBadRequest();
        api.http().get().uri("/models/{id}", "\u0000").exchange().expectStatus().is4xxClientError();
    }

    @Test
    void sameRequestAndSeedShouldGiveIdenticalParameters() {
        String first = api.train(ApiClient.xor(300));
        String second = api.train(ApiClient.xor(300));
        api.awaitSucceeded(first);
        api.awaitSucceeded(second);

        assertThat(api.get("/models/" + second + "/parameters"))
                .isEqualTo(api.get("/models/" + first + "/parameters"));
    }

    @Test
    void modelsSentTheSameNewRowsAtOnceShouldShareOneCopy() throws Exception {
        String request = "{\"dataset\": {\"features\": [[0.25], [0.5], [0.75], [0.125]], \"targets\": [[0], [1], "
                + "[1], [0]]}, \"architecture\": {\"layers\": [{\"units\": 1}]}, \"training\": {\"epochs\": 2}}";
        long rowSets = count("row_set");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> models = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                models.add(clients.submit(() -> api.train(request)));
            }
            for (Future<String> model : models) {
                String id = model.get(30, TimeUnit.SECONDS);
                api.awaitSucceeded(id);
                assertThat(count("row_set")).isLessThanOrEqualTo(rowSets + 1);
                api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
            }
        }
        finally {
            clients.shutdownNow();
        }
        assertThat(count("row_set")).isEqualTo(rowSets);
    }

    @Test
    void aStoredDataSetShouldBePredictedLikeTheSameRowsGiven() {
        String csv = DatasetStorageTests.csv(2_500, 2, 1);
        JsonNode dataset = api.http().post().uri("/datasets?targets=y")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String model = api.train("""
                {"datasetId": "%s", "architecture": {"layers": [{"units": 3}, {"units": 1}]},
                 "training": {"epochs": 3}}""".formatted(dataset.get("id").asString()));
        api.awaitSucceeded(model);
        double[][] rows = csv.lines().skip(1).map(line -> line.split(","))
                .map(cells -> new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])})
                .toArray(double[][]::new);
        JsonNode given = api.predict(model, rows);

        JsonNode streamed = api.post("/models/" + model + "/predict",
                Map.of("datasetId", dataset.get("id").asString()));
        String asCsv = api.http().post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.parseMediaType("text/csv"))
                .body("{\"datasetId\": \"" + dataset.get("id").asString() + "\"}").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(streamed.get("outputs")).isEqualTo(given.get("outputs"));
        assertThat(streamed.get("labels")).isEqualTo(given.get("labels"));
        // the same rows to score, without their targets and with their columns the other way round
        String toScore = api.http().post().uri("/datasets").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.lines().map(line -> line.split(",")).map(cells -> cells[1] + "," + cells[0])
                        .collect(Collectors.joining("\n")))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asString();
        assertThat(api.post("/models/" + model + "/predict", Map.of("datasetId", toScore)).get("outputs"))
                .isEqualTo(given.get("outputs"));
        String[] lines = asCsv.split("\n");
        assertThat(lines).hasSize(2_501);
        assertThat(lines[0]).isEqualTo("label,0,1");
        assertThat(lines[2_500]).isEqualTo(given.at("/labels/2499").asString() + ","
                + given.at("/probabilities/2499/0").asDouble() + "," + given.at("/probabilities/2499/1").asDouble());
        api.http().delete().uri("/models/" + model).exchange().expectStatus().isNoContent();
        api.http().delete().uri("/datasets/" + dataset.get("id").asString()).exchange().expectStatus().isNoContent();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
