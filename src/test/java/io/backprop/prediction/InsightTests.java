package io.backprop.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Looking inside trained models: the tutorial's own numbers, a hand-computed pass, and central differences. */
@ServiceTest
class InsightTests extends HttpApiTests {

    private static final String OR_ROWS = "{\"features\": [[0,0],[0,1],[1,0],[1,1]], \"targets\": [[0],[1],[1],[1]]}";
    private static final double[][] ROWS = {{0.2, 0.7}, {0.9, 0.1}, {-0.4, 0.3}, {1.3, -0.8}};

    /** The OR unit from W = [0.1, 0.6], b = 0, trained one full-batch step at this learning rate. */
    private String orAfterOneStep(double learningRate) {
        String id = api.train(ApiClient.OR.replace("\"epochs\": 5000, \"learningRate\": 1.0",
                "\"epochs\": 1, \"learningRate\": " + learningRate));
        api.awaitSucceeded(id);
        return id;
    }

    @Test
    void theOrGatesTraceGivesTheTutorialsNumbers() {
        // a step of 1e-12 leaves the tutorial's initial W = [0.1, 0.6], b = 0 (to 1e-13)
        JsonNode initial = api.post("/models/" + orAfterOneStep(1e-12) + "/trace", OR_ROWS);
        assertThat(initial.get("cost").asDouble()).isCloseTo(0.0889, within(5e-5));
        assertThat(initial.get("layers").get(0).get("dw").get(0).get(0).asDouble()).isCloseTo(-0.0480, within(5e-5));

        String stepped = orAfterOneStep(1.0);
        JsonNode weights = api.get("/models/" + stepped + "/parameters").get("layers").get(0);
        assertThat(weights.get("weights").get(0).get(0).asDouble()).isCloseTo(0.1480, within(5e-5));
        assertThat(weights.get("weights").get(0).get(1).asDouble()).isCloseTo(0.6387, within(5e-5));
        assertThat(weights.get("biases").get(0).asDouble()).isCloseTo(0.0370, within(5e-5));
        JsonNode trace = api.post("/models/" + stepped + "/trace", OR_ROWS);
        assertThat(trace.get("cost").asDouble()).isCloseTo(0.0840, within(5e-5));
        JsonNode layer = trace.get("layers").get(0);
        assertThat(layer.get("dw").get(0).get(0).asDouble()).isCloseTo(-0.0443, within(5e-5));
        assertThat(layer.get("dw").get(0).get(1).asDouble()).isCloseTo(-0.0350, within(5e-5));
        assertThat(layer.get("db").get(0).asDouble()).isCloseTo(-0.0313, within(5e-5));
        assertThat(layer.get("dz")).hasSize(4);
    }

    @Test
    void theXorTraceIsTheForwardPassByHand() {
        String id = api.train(ApiClient.xor(5000));
        api.awaitSucceeded(id);
        JsonNode parameters = api.get("/models/" + id + "/parameters").get("layers");

        JsonNode trace = api.post("/models/" + id + "/trace", Map.of("features", ApiClient.GATES));

        assertThat(trace.has("cost")).isFalse();
        double[][] a = ApiClient.GATES;
        for (int l = 0; l < 2; l++) {
            double[][] w = ApiClient.matrix(parameters.get(l).get("weights"));
            JsonNode b = parameters.get(l).get("biases");
            double[][] z = new double[a.length][w.length];
            double[][] next = new double[a.length][w.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    z[i][j] = b.get(j).asDouble();
                    for (int k = 0; k < w[j].length; k++) {
                        z[i][j] += w[j][k] * a[i][k];
                    }
                    next[i][j] = 1 / (1 + Math.exp(-z[i][j]));
                }
            }
            assertThat(ApiClient.matrix(trace.get("layers").get(l).get("z"))).isDeepEqualTo(z);
            assertThat(ApiClient.matrix(trace.get("layers").get(l).get("a"))).isDeepEqualTo(next);
            a = next;
        }
        assertThat(ApiClient.matrix(trace.get("layers").get(1).get("a")))
                .isDeepEqualTo(ApiClient.matrix(api.predict(id, ApiClient.GATES).get("outputs")));
    }

    /** A two-input network with this hidden activation (a three-class softmax output for "softmax"). */
    private String trained(String hidden) {
        boolean softmax = hidden.equals("softmax");
        String request = """
                {"dataset": {%s}, "preprocessing": {"featureScaling": "standard", "featureCrosses": [["x1", "x2"]]},
                 "architecture": {"layers": [{"units": 4, "activation": "%s", "init": "xavier"}, %s]%s},
                 "training": {"epochs": 200, "learningRate": 0.3, "seed": 5}}""".formatted(softmax
                ? "\"features\": [[0,0],[0,1],[1,0],[1,1],[2,2],[2,1]], \"labels\": [\"a\",\"b\",\"b\",\"a\",\"c\",\"c\"], "
                        + "\"featureNames\": [\"x1\", \"x2\"]"
                : "\"features\": [[0,0],[0,1],[1,0],[1,1]], \"targets\": [[0],[1],[1],[0]], \"featureNames\": [\"x1\", \"x2\"]",
                softmax ? "tanh" : hidden, softmax ? "{\"units\": 3, \"activation\": \"softmax\"}" : "{\"units\": 1}",
                softmax ? ", \"loss\": \"cross_entropy\"" : "");
        String id = api.train(request);
        api.awaitSucceeded(id);
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax"})
    void sensitivitiesAreTheOutputsCentralDifferences(String hidden) {
        String id = trained(hidden);
        double[][][] gradients = toCube(api.post("/models/" + id + "/sensitivity", Map.of("features", ROWS))
                .get("gradients"));
        double h = 1e-5;
        for (int i = 0; i < ROWS.length; i++) {
            for (int j = 0; j < 2; j++) {
                double[] up = ROWS[i].clone();
                double[] down = ROWS[i].clone();
                up[j] += h;
                down[j] -= h;
                double[][] outputs = ApiClient.matrix(api.predict(id, new double[][] {up, down}).get("outputs"));
                for (int k = 0; k < outputs[0].length; k++) {
                    double numeric = (outputs[0][k] - outputs[1][k]) / (2 * h);
                    double analytic = gradients[i][k][j];
                    assertThat(Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-8))
                            .as("%s row %d output %d input %d: %s vs %s", hidden, i, k, j, analytic, numeric)
                            .isLessThan(1e-6);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax"})
    void theGradientCheckAgreesWithCentralDifferences(String hidden) {
        String id = trained(hidden);
        String rows = hidden.equals("softmax")
                ? "{\"features\": [[0.2,0.7],[0.9,0.1],[1.6,1.9]], \"labels\": [\"a\",\"b\",\"c\"]}"
                : "{\"features\": [[0.2,0.7],[0.9,0.1],[-0.4,0.3]], \"targets\": [[1],[1],[0]]}";

        JsonNode check = api.post("/models/" + id + "/gradient-check", rows).get("layers");

        assertThat(check).hasSize(2);
        for (JsonNode layer : check) {
            assertThat(layer.get("weights").asDouble()).as(hidden).isLessThan(1e-6);
            assertThat(layer.get("biases").asDouble()).as(hidden).isLessThan(1e-6);
        }
    }

    @Test
    void everyUnitsPictureIsItsActivationOverTheInputPlane() {
        String id = api.train(ApiClient.xor(2000));
        api.awaitSucceeded(id);

        JsonNode pictures = api.get("/models/" + id + "/hidden-units?resolution=7");

        assertThat(pictures.get("xs")).hasSize(7);
        assertThat(pictures.get("layers")).hasSize(2);
        JsonNode hidden = pictures.get("layers").get(0);
        assertThat(hidden.get("units")).hasSize(3);
        assertThat(hidden.get("weights")).hasSize(3);
        // a cell of a unit's picture is that unit's activation in a trace of the cell's point
        double x = pictures.get("xs").get(2).asDouble();
        double y = pictures.get("ys").get(5).asDouble();
        JsonNode trace = api.post("/models/" + id + "/trace", Map.of("features", new double[][] {{x, y}}));
        for (int unit = 0; unit < 3; unit++) {
            assertThat(hidden.get("units").get(unit).get(5).get(2).asDouble())
                    .isEqualTo(trace.get("layers").get(0).get("a").get(0).get(unit).asDouble());
        }
        String oneInput = api.train("""
                {"dataset": {"features": [[0],[1]], "targets": [[0],[1]]}, "architecture": {"layers": [{"units": 1}]},
                 "training": {"epochs": 5}}""");
        api.awaitSucceeded(oneInput);
        api.http().get().uri("/models/" + oneInput + "/hidden-units").exchange().expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2 input"));
    }

    @Test
    void aReplayOfAFloat64ModelIsBitIdenticalAndTheReceiptFollowsTheRows() {
        String id = api.train(ApiClient.xor(500));
        JsonNode receipt = api.awaitSucceeded(id).get("receipt");
        assertThat(receipt.get("seed").asLong()).isEqualTo(7);
        assertThat(receipt.get("precision").asString()).isEqualTo("float64");
        assertThat(receipt.get("backend").asString()).isEqualTo("array");
        assertThat(receipt.get("versions").get("nd4j").asString()).isNotBlank().isNotEqualTo("unknown");
        assertThat(receipt.get("parametersSha256").asString()).hasSize(64);

        JsonNode replay = api.post("/models/" + id + "/replay", Map.of());

        assertThat(replay.get("identical").asBoolean()).isTrue();
        assertThat(replay.get("differences")).isEmpty();
        assertThat(replay.get("modelId").asString()).isNotEqualTo(id);
        assertThat(api.get("/models/" + replay.get("modelId").asString()).get("receipt")).isEqualTo(receipt);

        // one training row changed: another data digest, other parameters
        String changed = api.train(ApiClient.xor(500).replace("[[0],[1],[1],[0]]", "[[0],[1],[1],[1]]"));
        JsonNode other = api.awaitSucceeded(changed).get("receipt");
        assertThat(other.get("dataSha256")).isNotEqualTo(receipt.get("dataSha256"));
        assertThat(other.get("specSha256")).as("the spec names the rows' shape, not their values")
                .isEqualTo(receipt.get("specSha256"));
        assertThat(other.get("parametersSha256")).isNotEqualTo(receipt.get("parametersSha256"));
    }

    /**
     * The receipt says whether the first layer skipped the rows' zeros (the tests' JVM runs on C1, where the index
     * is taken only when the property asks for it), and a replay that took the other path names the difference.
     */
    @Test
    void aReplayThroughOtherProductsNamesTheDifference() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            double[] row = new double[20];
            row[i % 20] = 1 + i * 0.1;
            row[(i * 7) % 20] = -0.5;
            rows.append(i == 0 ? "" : ",").append(java.util.Arrays.toString(row));
        }
        String request = """
                {"dataset": {"features": [%s], "targets": [[0],[1],[1],[0],[0],[1],[1],[0],[0],[1],[1],[0],[0],[1],[1],[0]]},
                 "architecture": {"layers": [{"units": 16, "activation": "relu"}, {"units": 1}], "precision": "float32"},
                 "training": {"epochs": 30, "batchSize": 4}}""".formatted(rows);
        JsonNode receipt = withSparseInput("on", () -> api.awaitSucceeded(api.train(request)));
        assertThat(receipt.get("receipt").get("sparseInput").asBoolean()).isTrue();

        JsonNode replay = withSparseInput("off", () -> api.post("/models/" + receipt.get("id").asString()
                + "/replay", Map.of()));

        assertThat(replay.get("identical").asBoolean()).isFalse();
        assertThat(replay.get("differences").findValuesAsString("field")).contains("sparseInput");
        assertThat(api.get("/models/" + replay.get("modelId").asString()).get("receipt").get("sparseInput")
                .asBoolean()).isFalse();
    }

    private static <T> T withSparseInput(String mode, java.util.function.Supplier<T> work) {
        System.setProperty("backprop.sparse-input", mode);
        try {
            return work.get();
        }
        finally {
            System.clearProperty("backprop.sparse-input");
        }
    }

    @Test
    void theUnitsPicturesOfAJobTrainingHereAreOfItsParametersAsTheyAre() throws InterruptedException {
        String id = api.train(ApiClient.LONG);
        api.awaitStatus(id, "RUNNING", java.time.Duration.ofSeconds(30));

        JsonNode first = api.get("/models/" + id + "/hidden-units?resolution=5");
        Thread.sleep(300);
        JsonNode later = api.get("/models/" + id + "/hidden-units?resolution=5");

        assertThat(first.get("layers")).hasSize(3);
        assertThat(later.get("layers").get(2).get("weights"))
                .as("the weights moved on between the two looks").isNotEqualTo(first.get("layers").get(2).get("weights"));
        api.post("/models/" + id + "/cancel", Map.of());
    }

    @Test
    void answersPastTheirSizeAreRefusedNamingWhatToLower() {
        String wide = api.train("""
                {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
                 "architecture": {"layers": [{"units": 1000}, {"units": 1}]}, "training": {"epochs": 1}}""");
        api.awaitSucceeded(wide);
        double[][] rows = new double[1000][];
        Arrays.fill(rows, new double[] {0.5, 0.5});

        api.http().post().uri("/models/" + wide + "/trace").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", rows)).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("features");
        api.http().get().uri("/models/" + wide + "/hidden-units?resolution=200").exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("resolution");
        assertThat(api.post("/models/" + wide + "/trace", Map.of("features", new double[][] {{0.5, 0.5}}))
                .get("layers").get(0).get("a").get(0)).hasSize(1000);
    }

    private static double[][][] toCube(JsonNode node) {
        double[][][] cube = new double[node.size()][][];
        for (int i = 0; i < cube.length; i++) {
            cube[i] = ApiClient.matrix(node.get(i));
        }
        return cube;
    }
}
