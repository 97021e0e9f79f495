package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ServiceTest;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/** What the tutorials do by hand, declared once in the request and applied to every prediction. */
@ServiceTest
class DataPreparationTests extends HttpApiTests {

    /** Three separated clusters on a line, and a fixed set with one deliberately mislabelled row. */
    private static final String CLUSTERS_CSV = """
            x,band
            0.1,low
            0.3,low
            0.2,low
            1.1,mid
            0.9,mid
            1.0,mid
            2.0,high
            2.1,high
            1.9,high
            """;

    @Test
    void examScoresShouldBeLearnedAndPredictedInRawUnits() {
        String id = api.train("""
                {"name": "exam",
                 "dataset": {"features": [[2,9],[1,5],[3,6]], "targets": [[92],[86],[89]],
                             "featureNames": ["studied","slept"], "targetNames": ["score"]},
                 "preprocessing": {"featureScaling": "max", "targetScaling": "max"},
                 "architecture": {"layers": [{"units": 3, "bias": false, "init": "xavier"},
                                             {"units": 1, "bias": false, "init": "xavier"}]},
                 "training": {"epochs": 150000, "learningRate": 10.0, "seed": 1}}""");

        JsonNode model = api.awaitSucceeded(id);

        assertThat(model.get("task").asString()).isEqualTo("regression");
        assertThat(model.at("/preprocessing/features/columns/0/max").asDouble()).isEqualTo(3);
        assertThat(model.at("/preprocessing/features/columns/1/max").asDouble()).isEqualTo(9);
        assertThat(model.at("/preprocessing/targets/columns/0/max").asDouble()).isEqualTo(92);
        double[][] training = ApiClient.matrix(api.predict(id, new double[][] {{2, 9}, {1, 5}, {3, 6}}).get("outputs"));
        assertThat(training[0][0]).isCloseTo(92, within(1.0));
        assertThat(training[1][0]).isCloseTo(86, within(1.0));
        assertThat(training[2][0]).isCloseTo(89, within(1.0));
        double unseen = api.predict(id, new double[][] {{5, 10}}).at("/outputs/0/0").asDouble();
        assertThat(unseen).isBetween(85.0, 100.0);
        assertThat(model.at("/metrics/training/rmse").asDouble()).isLessThan(1.0);
        assertThat(model.at("/metrics/training/r2").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void theCrossX1X2ShouldMakeXorSeparableByOneUnit() {
        String crossed = api.train(singleUnitXor(", \"preprocessing\": {\"featureCrosses\": [[\"x1\",\"x2\"]]}"));
        String plain = api.train(singleUnitXor(""));

        JsonNode withCross = api.awaitSucceeded(crossed);
        JsonNode without = api.awaitSucceeded(plain);

        assertThat(withCross.at("/metrics/training/accuracy").asDouble()).isEqualTo(1.0);
        assertThat(without.at("/metrics/training/accuracy").asDouble()).isLessThanOrEqualTo(0.75);
        assertThat(withCross.at("/preprocessing/features/columns/2/name").asString()).isEqualTo("x1*x2");
        assertThat(api.predict(crossed, ApiClient.GATES).get("labels").toString()).isEqualTo("[0,1,1,0]");
    }

    @Test
    void softmaxTrainedOnCsvLabelsShouldPredictClassNamesAndCountLikeAHand() {
        String dataset = api.http().post().uri("/datasets?targets=band&name=bands")
                .contentType(MediaType.parseMediaType("text/csv")).body(CLUSTERS_CSV).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String datasetId = ApiClient.json(dataset).get("id").asString();
        String id = trainBands(datasetId);
        JsonNode model = api.awaitSucceeded(id);
        assertThat(model.get("classes").toString()).isEqualTo("[\"high\",\"low\",\"mid\"]");

        JsonNode prediction = api.predict(id, new double[][] {{0.15}, {1.05}, {2.05}});
        assertThat(prediction.get("labels").toString()).isEqualTo("[\"low\",\"mid\",\"high\"]");
        JsonNode probabilities = prediction.get("probabilities").get(0);
        assertThat(probabilities.propertyNames()).containsExactly("high", "low", "mid");
        assertThat(probabilities.get("low").asDouble()).isGreaterThan(0.5);

        // the last row is a high point labelled mid: the hand count is 5 of 6 right
        JsonNode evaluation = api.post("/models/" + id + "/evaluate", Map.of(
                "features", new double[][] {{0.2}, {0.25}, {1.0}, {0.95}, {2.05}, {1.95}},
                "labels", List.of("low", "low", "mid", "mid", "high", "mid")));
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(5 / 6.0);
        assertThat(evaluation.at("/confusionMatrix/classes").toString()).isEqualTo("[\"high\",\"low\",\"mid\"]");
        assertThat(evaluation.at("/confusionMatrix/counts").toString()).isEqualTo("[[1,0,0],[0,2,0],[1,0,2]]");
        assertThat(evaluation.at("/perClass/2/recall").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(evaluation.at("/perClass/0/precision").asDouble()).isEqualTo(0.5);

        // the same rows stored as a data set are evaluated by its id, with the same counts
        String heldOut = ApiClient.json(api.http().post().uri("/datasets?targets=band")
                .contentType(MediaType.parseMediaType("text/csv"))
                .body("x,band\n0.2,low\n0.25,low\n1.0,mid\n0.95,mid\n2.05,high\n1.95,mid\n").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id")
                .asString();
        assertThat(api.post("/models/" + id + "/evaluate", Map.of("datasetId", heldOut))).isEqualTo(evaluation);
        String unknownClass = ApiClient.json(api.http().post().uri("/datasets?targets=band")
                .contentType(MediaType.parseMediaType("text/csv")).body("x,band\n0.2,low\n3.0,top\n").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id")
                .asString();
        assertThat(api.http().post().uri("/models/" + id + "/evaluate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", unknownClass)).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody())
                .contains("row 1's class top is not one of the model's classes [high, low, mid]");
        assertThat(api.http().post().uri("/models/" + id + "/evaluate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", new double[][] {{0.2}, {3.0}}, "labels", List.of("low", "top"))).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody())
                .contains("{\"field\":\"labels[1]\",\"value\":\"top\",\"message\":\"is not one of the model's "
                        + "classes [high, low, mid]\"}");
    }

    /** A 1 → 8 → 3 softmax classifier of the bands stored as {@code datasetId}. */
    private String trainBands(String datasetId) {
        return api.train("""
                {"datasetId": "%s",
                 "architecture": {"layers": [{"units": 8, "activation": "tanh", "init": "xavier"},
                                             {"units": 3, "activation": "softmax", "init": "xavier"}],
                                  "loss": "cross_entropy"},
                 "training": {"epochs": 3000, "learningRate": 0.5, "seed": 5}}""".formatted(datasetId));
    }

    /**
     * Class numbers (one integer column under a softmax) came back from the store as JSON integers, which no label
     * equalled: every evaluation of such a model by its stored data set or by numeric labels was refused.
     */
    @Test
    void aModelOfClassNumbersShouldBeEvaluatedByItsDataSetAndByNumericLabels() {
        String datasetId = ApiClient.json(api.http().post().uri("/datasets?targets=band")
                .contentType(MediaType.parseMediaType("text/csv")).body(CLUSTERS_CSV.replace("low", "0")
                        .replace("mid", "1").replace("high", "2"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("id").asString();
        String id = trainBands(datasetId);
        assertThat(api.awaitSucceeded(id).get("classes").toString()).isEqualTo("[0,1,2]");

        JsonNode stored = api.post("/models/" + id + "/evaluate", Map.of("datasetId", datasetId));
        assertThat(stored.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(stored.at("/confusionMatrix/counts").toString()).isEqualTo("[[3,0,0],[0,3,0],[0,0,3]]");
        JsonNode inline = api.post("/models/" + id + "/evaluate", Map.of(
                "features", new double[][] {{0.2}, {1.0}, {2.05}, {1.95}}, "labels", List.of(0, 1, 2, 1)));
        assertThat(inline.get("accuracy").asDouble()).isEqualTo(3 / 4.0);

        // rows of a single class, such as one row, are evaluated too: only training needs two classes
        JsonNode oneRow = api.post("/models/" + id + "/evaluate", Map.of("features", new double[][] {{2.05}},
                "labels", List.of(2)));
        assertThat(oneRow.at("/confusionMatrix/counts").toString()).isEqualTo("[[0,0,0],[0,0,0],[0,0,1]]");
        String highOnly = ApiClient.json(api.http().post().uri("/datasets?targets=band")
                .contentType(MediaType.parseMediaType("text/csv")).body("x,band\n2.0,2\n1.9,2\n").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id")
                .asString();
        assertThat(api.post("/models/" + id + "/evaluate", Map.of("datasetId", highOnly)).get("accuracy")
                .asDouble()).isEqualTo(1.0);
    }

    /**
     * A classifier of 0/1 targets measured against a target of 2 reported a negative cost; "1" did not name its
     * class 1. Targets must be class probabilities, and labels name classes by value or by text.
     */
    @Test
    void aClassifierShouldBeMeasuredAgainstClassProbabilitiesOnly() {
        String id = api.train("""
                {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[1]]},
                 "architecture": {"layers": [{"units": 1, "init": "xavier"}], "loss": "binary_cross_entropy"},
                 "training": {"epochs": 2000, "learningRate": 1.0, "seed": 2}}""");
        assertThat(api.awaitSucceeded(id).get("classes").toString()).isEqualTo("[0,1]");

        JsonNode byText = api.post("/models/" + id + "/evaluate", Map.of("features", ApiClient.GATES,
                "labels", List.of("0", "1", "1", "1")));
        assertThat(byText.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(api.post("/models/" + id + "/evaluate", Map.of("features", new double[][] {{1, 1}},
                "targets", new double[][] {{0.5}})).get("cost").asDouble()).isPositive();
        String refused = api.http().post().uri("/models/" + id + "/evaluate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", new double[][] {{0, 0}, {1, 1}}, "targets", new double[][] {{0}, {2}}))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(ApiClient.json(refused).get("errors").get(0).toString()).isEqualTo("{\"field\":\"targets[1]\","
                + "\"value\":\"[2.0]\",\"message\":\"must be within [0, 1], the probability of the second class (0 or "
                + "1 for a class): the model is a classifier of the classes [0, 1]\"}");
        String stored = ApiClient.json(api.http().post().uri("/datasets?targets=y")
                .contentType(MediaType.parseMediaType("text/csv")).body("x1,x2,y\n0,0,0\n1,1,-1\n").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id")
                .asString();
        assertThat(api.http().post().uri("/models/" + id + "/evaluate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", stored)).exchange().expectStatus().isBadRequest().expectBody(String.class)
                .returnResult().getResponseBody()).contains("row 1's targets [-1.0] must be within [0, 1]");
    }

    @Test
    void validationSplitAndEarlyStoppingShouldBeReproducibleAndKeepTheBestEpoch() {
        String request = """
                {"dataset": {"features": %s, "targets": %s},
                 "preprocessing": {"featureScaling": "standard"},
                 "architecture": {"layers": [{"units": 16, "activation": "tanh", "init": "xavier"},
                                             {"units": 1, "activation": "identity", "init": "xavier"}]},
                 "training": {"epochs": 1000, "learningRate": 0.2, "seed": 11, "validationSplit": 0.25,
                              "earlyStopping": {"patience": 50}}}""".formatted(NoisySine.FEATURES, NoisySine.TARGETS);
        String first = api.train(request);
        String second = api.train(request);

        JsonNode model = api.awaitSucceeded(first);
        api.awaitSucceeded(second);

        assertThat(model.at("/rows/validation").asInt()).isEqualTo(10);
        assertThat(model.at("/rows/training").asInt()).isEqualTo(30);
        assertThat(model.at("/spec/training/earlyStopping/minDelta").asDouble()).isZero();
        assertThat(api.get("/models/" + second + "/parameters")).isEqualTo(api.get("/models/" + first + "/parameters"));
        assertThat(api.get("/models/" + second).get("outcome")).isEqualTo(model.get("outcome"));
        int best = model.at("/outcome/bestEpoch").asInt();
        JsonNode points = api.get("/models/" + first + "/learning-curve").get("points");
        assertThat(points.get(best).get("epoch").asInt()).isEqualTo(best);
        assertThat(model.at("/metrics/validation/cost").asDouble()).as("parameters of the best epoch")
                .isCloseTo(points.get(best).get("validationCost").asDouble(), within(1e-12));
        assertThat(model.at("/metrics/validation/rows").asInt()).isEqualTo(10);
    }

    @Test
    void constantColumnsShouldTrainWithoutNaN() {
        String id = api.train("""
                {"dataset": {"features": [[0,1,5],[0,2,5],[0,3,5],[0,4,5]], "targets": [[1],[2],[3],[4]]},
                 "preprocessing": {"featureScaling": "standard", "targetScaling": "minmax"},
                 "architecture": {"layers": [{"units": 1, "activation": "identity"}]},
                 "training": {"epochs": 500, "learningRate": 0.1}}""");

        JsonNode model = api.awaitSucceeded(id);

        assertThat(model.at("/preprocessing/features/columns/0/standardDeviation").asDouble()).isZero();
        assertThat(api.predict(id, new double[][] {{0, 2.5, 5}}).at("/outputs/0/0").asDouble()).isCloseTo(2.5,
                within(0.1));
    }

    private static String singleUnitXor(String preprocessing) {
        return """
                {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}%s,
                 "architecture": {"layers": [{"units": 1, "activation": "sigmoid"}]},
                 "training": {"epochs": 10000, "learningRate": 1.0, "seed": 3}}""".formatted(preprocessing);
    }
}
