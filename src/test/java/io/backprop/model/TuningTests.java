package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Cross-validation, class weights, dropout, L1 and max-norm through the API. */
@ServiceTest
class TuningTests extends HttpApiTests {

    /** Fisher's iris: 150 rows, 50 of each species (the UCI copy). */
    static String iris() {
        try (var in = TuningTests.class.getResourceAsStream("/datasets/iris.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uploadIris(ApiClient api) {
        return ApiClient.json(api.http().post().uri("/datasets?targets=species&name=iris")
                .contentType(MediaType.parseMediaType("text/csv")).body(iris()).exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();
    }

    private static String irisRequest(String datasetId, String training) {
        return """
                {"name": "iris-cv", "datasetId": "%s",
                 "preprocessing": {"featureScaling": "standard"},
                 "architecture": {"layers": [{"units": 8, "activation": "tanh", "init": "xavier"},
                                             {"units": 3, "activation": "softmax"}], "loss": "cross_entropy"},
                 "training": {"epochs": 150, "learningRate": 0.05, "optimizer": "adam", "seed": 3%s}}"""
                .formatted(datasetId, training);
    }

    @Test
    void fiveFoldCrossValidationReportsEachFoldItsMeanAndStdReproducibly() {
        String dataset = uploadIris(api);
        String request = irisRequest(dataset, ", \"crossValidation\": {\"folds\": 5}");
        JsonNode model = api.awaitSucceeded(api.train(request));
        JsonNode again = api.awaitSucceeded(api.train(request));

        JsonNode cv = model.at("/metrics/crossValidation");
        assertThat(cv.get("folds")).hasSize(5);
        double[] accuracies = cv.get("folds").valueStream().mapToDouble(f -> f.get("accuracy").asDouble()).toArray();
        double mean = java.util.Arrays.stream(accuracies).average().orElseThrow();
        double variance = java.util.Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).average()
                .orElseThrow();
        assertThat(cv.at("/mean/accuracy").asDouble()).isCloseTo(mean, within(1e-12));
        assertThat(cv.at("/std/accuracy").asDouble()).isCloseTo(Math.sqrt(variance), within(1e-12));
        assertThat(mean).isGreaterThan(0.85);
        cv.get("folds").forEach(fold -> {
            // stratified: each fold holds 10 rows of each species
            assertThat(fold.get("rows").asInt()).isEqualTo(30);
            fold.at("/confusionMatrix/counts").forEach(actual -> assertThat(actual.valueStream()
                    .mapToInt(JsonNode::asInt).sum()).isEqualTo(10));
        });
        assertThat(cv.at("/mean/cost").isNumber()).isTrue();
        // the model kept trained on every row; the same seed gives the same folds and figures
        assertThat(model.at("/metrics/training/rows").asInt()).isEqualTo(150);
        assertThat(model.at("/outcome/message").asString()).contains("all 150 rows", "5-fold cross-validation");
        assertThat(again.at("/metrics/crossValidation")).isEqualTo(cv);
    }

    @Test
    void tuningSettingsAreCheckedWithTheirFields() {
        String dataset = uploadIris(api);
        assertThat(fields(irisRequest(dataset, ", \"crossValidation\": {\"folds\": 1}"))).contains(
                "training.crossValidation.folds");
        assertThat(fields(irisRequest(dataset, ", \"crossValidation\": {\"folds\": 5}, \"validationSplit\": 0.2")))
                .contains("training.crossValidation");
        assertThat(fields(irisRequest(dataset, ", \"classWeights\": {\"daisy\": 2}"))).contains(
                "training.classWeights.daisy");
        assertThat(fields(irisRequest(dataset, ", \"classWeights\": {\"setosa\": -1}"))).contains(
                "training.classWeights.setosa");
        assertThat(fields(irisRequest(dataset, ", \"classWeights\": \"even\""))).contains("training.classWeights");
        assertThat(fields(irisRequest(dataset, ", \"l1\": -0.1, \"maxNorm\": 0"))).contains("training.l1",
                "training.maxNorm");
        assertThat(fields(ApiClient.xor(10).replace("{\"units\": 1, \"activation\": \"sigmoid\"}",
                "{\"units\": 1, \"activation\": \"sigmoid\", \"dropout\": 0.5}"))).contains(
                        "architecture.layers[1].dropout");
        assertThat(fields(ApiClient.xor(10).replace("\"init\": \"xavier\"}", "\"init\": \"xavier\", \"dropout\": 1}")))
                .contains("architecture.layers[0].dropout");
        String exam = """
                {"dataset": {"features": [[2,9],[1,5],[3,6]], "targets": [[92],[86],[89]]},
                 "architecture": {"layers": [{"units": 1, "activation": "identity"}]},
                 "training": {"classWeights": "balanced"}}""";
        assertThat(fields(exam)).contains("training.classWeights");
    }

    @Test
    void aClassWeightCountsLikeRepeatingItsRows() {
        // one full-batch step weighing class 1 by 3 equals one step on the rows with class 1 three times, at a
        // learning rate scaled by their count: (1/m)·Σ wᵢ∇Lᵢ = (m'/m)·(1/m')·Σ ∇Lⱼ
        String weighted = """
                {"dataset": {"features": [[0.5],[1.5],[-1]], "targets": [[0],[1],[0]]},
                 "architecture": {"layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.3]], "biases": [0.1]}],
                                  "loss": "binary_cross_entropy"},
                 "training": {"epochs": 1, "learningRate": 1.0, "classWeights": {"1": 3}}}""";
        String repeated = """
                {"dataset": {"features": [[0.5],[1.5],[1.5],[1.5],[-1]], "targets": [[0],[1],[1],[1],[0]]},
                 "architecture": {"layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.3]], "biases": [0.1]}],
                                  "loss": "binary_cross_entropy"},
                 "training": {"epochs": 1, "learningRate": 1.6666666666666667}}""";
        JsonNode a = parameters(api.awaitSucceeded(api.train(weighted)).get("id").asString());
        JsonNode b = parameters(api.awaitSucceeded(api.train(repeated)).get("id").asString());

        assertThat(a.at("/layers/0/weights/0/0").asDouble()).isCloseTo(b.at("/layers/0/weights/0/0").asDouble(),
                within(1e-12));
        assertThat(a.at("/layers/0/biases/0").asDouble()).isCloseTo(b.at("/layers/0/biases/0").asDouble(),
                within(1e-12));
        assertThat(a.at("/layers/0/weights/0/0").asDouble()).isNotCloseTo(0.3, within(1e-3));
    }

    @Test
    void dropoutL1AndMaxNormTrainAndPredictionsDropNothing() {
        String request = ApiClient.xor(300).replace("\"init\": \"xavier\"}", "\"init\": \"xavier\", \"dropout\": 0.2}")
                .replace("\"seed\": 7", "\"seed\": 7, \"l1\": 0.001, \"maxNorm\": 2.0");
        String id = api.awaitSucceeded(api.train(request)).get("id").asString();

        JsonNode first = api.predict(id, ApiClient.GATES);
        JsonNode second = api.predict(id, ApiClient.GATES);
        JsonNode trace = api.post("/models/" + id + "/trace", java.util.Map.of("features", ApiClient.GATES));
        JsonNode spec = api.get("/models/" + id).get("spec");

        assertThat(second).isEqualTo(first);
        for (int r = 0; r < 4; r++) {
            // the trace's forward pass uses every unit, unscaled, and agrees with the prediction
            assertThat(trace.at("/layers/1/a/" + r + "/0").asDouble()).isCloseTo(
                    first.at("/outputs/" + r + "/0").asDouble(), within(1e-12));
        }
        assertThat(spec.at("/architecture/layers/0/dropout").asDouble()).isEqualTo(0.2);
        assertThat(spec.at("/training/l1").asDouble()).isEqualTo(0.001);
        JsonNode weights = parameters(id).at("/layers/0/weights");
        weights.forEach(unit -> assertThat(Math.sqrt(unit.valueStream().mapToDouble(w -> w.asDouble() * w.asDouble())
                .sum())).isLessThanOrEqualTo(2.0 + 1e-9));
    }

    private JsonNode parameters(String id) {
        return api.get("/models/" + id + "/parameters");
    }

    private List<String> fields(String request) {
        JsonNode problem = ApiClient.json(api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(request).exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult()
                .getResponseBody());
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
