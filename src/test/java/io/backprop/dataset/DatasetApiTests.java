package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Data sets uploaded as CSV or JSON, trained on by id, and bad files named by line and column. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:datasets;DB_CLOSE_DELAY=-1", "backprop.limits.max-rows=50",
        "backprop.limits.max-store-bytes=400KB", "backprop.limits.max-target-values=60" })
class DatasetApiTests extends HttpApiTests {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXAM = "studied,slept,score\n2,9,92\n1,5,86\n3,6,89\n";

    private RestTestClient http;

    @BeforeEach
    void client() {
        http = api.http();
    }

    @Test
    void csvUploadShouldDescribeTheColumnsAndBeRetrievable() {
        JsonNode dataset = upload("/datasets?targets=score&name=exam", EXAM);

        assertThat(dataset.get("name").asString()).isEqualTo("exam");
        assertThat(dataset.get("rows").asInt()).isEqualTo(3);
        assertThat(dataset.get("featureNames").toString()).isEqualTo("[\"studied\",\"slept\"]");
        assertThat(dataset.get("targetNames").toString()).isEqualTo("[\"score\"]");
        assertThat(dataset.at("/columns/0/max").asDouble()).isEqualTo(3);
        assertThat(dataset.at("/columns/2/mean").asDouble()).isEqualTo(89);
        assertThat(dataset.at("/columns/2/role").asString()).isEqualTo("target");
        String id = dataset.get("id").asString();
        assertThat(get("/datasets/" + id)).isEqualTo(dataset);
        assertThat(get("/datasets").at("/content/0/id").asString()).isEqualTo(id);
    }

    @Test
    void labelColumnShouldBeCountedByClass() {
        JsonNode dataset = upload("/datasets?targets=species", "length,species\n1.4,setosa\n4.7,versicolor\n1.3,setosa\n");

        assertThat(dataset.get("labels").asBoolean()).isTrue();
        assertThat(dataset.at("/columns/1/classCounts").toString()).isEqualTo("{\"setosa\":2,\"versicolor\":1}");
    }

    @Test
    void jsonUploadShouldWorkLikeAnInlineDataset() {
        JsonNode dataset = json(http.post().uri("/datasets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", new double[][] {{0}, {1}}, "labels", java.util.List.of("no", "yes")))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        assertThat(dataset.get("featureNames").toString()).isEqualTo("[\"x1\"]");
        assertThat(dataset.get("targetNames").toString()).isEqualTo("[\"y\"]");
        // rows to predict, as a file without targets would be
        JsonNode toScore = json(http.post().uri("/datasets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", new double[][] {{0}, {1}, {2}})).exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(toScore.get("rows").asInt()).isEqualTo(3);
        assertThat(toScore.get("targetNames").toString()).isEqualTo("[]");
        assertThat(toScore.get("columns")).hasSize(1);
        // a training request's rows still need targets or labels
        assertThat(refused("/models", "{\"dataset\": {\"features\": [[0], [1]]}, \"architecture\": {\"layers\": "
                + "[{\"units\": 1}]}}").at("/errors/0/message").asString()).isEqualTo("give either targets or labels");
    }

    @Test
    void modelTrainedOnAStoredDatasetShouldOutliveTheDataset() {
        String id = upload("/datasets?targets=score", EXAM).get("id").asString();
        String model = json(http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("""
                {"datasetId": "%s", "preprocessing": {"featureScaling": "max", "targetScaling": "max"},
                 "architecture": {"layers": [{"units": 3, "bias": false, "init": "xavier"},
                                             {"units": 1, "bias": false, "init": "xavier"}]},
                 "training": {"epochs": 2000, "learningRate": 3.0, "seed": 1}}""".formatted(id))
                .exchange().expectStatus().is2xxSuccessful().expectBody(String.class).returnResult().getResponseBody())
                .get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/models/" + model).get("status").asString().equals("SUCCEEDED"));

        http.delete().uri("/datasets/" + id).exchange().expectStatus().isNoContent();

        http.get().uri("/datasets/" + id).exchange().expectStatus().isNotFound();
        assertThat(get("/models/" + model).at("/spec/dataset/datasetId").asString()).isEqualTo(id);
        http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[5, 10]]}").exchange().expectStatus().isOk();
    }

    /** Rows to score come without targets: such a file is stored to be predicted, and only that. */
    @Test
    void aFileOfFeaturesAloneShouldBePredictedButNotTrainedOnOrEvaluated() {
        JsonNode scoring = upload("/datasets?name=to-score", "studied,slept\n2,9\n5,10\n");
        assertThat(scoring.get("featureNames").toString()).isEqualTo("[\"studied\",\"slept\"]");
        assertThat(scoring.get("targetNames").toString()).isEqualTo("[]");
        assertThat(scoring.get("columns")).hasSize(2);
        assertThat(scoring.get("bytes").asLong()).as("2 rows of 2 float32 values").isEqualTo(16);
        String id = scoring.get("id").asString();
        String model = json(http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("""
                {"dataset": {"features": [[2, 9], [1, 5], [3, 6]], "targets": [[0.92], [0.86], [0.89]],
                             "featureNames": ["studied", "slept"]},
                 "architecture": {"layers": [{"units": 3, "init": "xavier"}, {"units": 1, "init": "xavier"}]},
                 "training": {"epochs": 10, "seed": 1}}""")
                .exchange().expectStatus().is2xxSuccessful().expectBody(String.class).returnResult().getResponseBody())
                .get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/models/" + model).get("status").asString().equals("SUCCEEDED"));

        JsonNode byId = json(http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"datasetId\": \"" + id + "\"}").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        JsonNode inline = json(http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[2, 9], [5, 10]]}").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(byId.get("outputs")).isEqualTo(inline.get("outputs"));
        // columns are matched by name: another order is read in the model's, another name refused
        String swapped = upload("/datasets", "slept,studied\n9,2\n10,5\n").get("id").asString();
        assertThat(json(http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"datasetId\": \"" + swapped + "\"}").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("outputs"))
                .isEqualTo(inline.get("outputs"));
        String swappedScored = upload("/datasets?targets=score", "slept,score,studied\n9,0.9,2\n10,0.95,5\n").get("id")
                .asString();
        assertThat(api.post("/models/" + model + "/evaluate", Map.of("datasetId", swappedScored))).isEqualTo(api.post(
                "/models/" + model + "/evaluate", Map.of("features", new double[][] {{2, 9}, {5, 10}}, "targets",
                        new double[][] {{0.9}, {0.95}})));
        String renamed = upload("/datasets", "studied,hours\n2,9\n5,10\n").get("id").asString();
        assertThat(refused("/models/" + model + "/predict", "{\"datasetId\": \"" + renamed + "\"}")
                .at("/errors/0/message").asString()).isEqualTo("has no feature named slept: the model takes studied, "
                        + "slept, the data set has studied, hours");

        String noTargets = "has no targets (none was named when it was stored, as ?targets=…): it can be predicted, ";
        assertThat(refused("/models/" + model + "/evaluate", "{\"datasetId\": \"" + id + "\"}").get("errors")
                .get(0).toString()).isEqualTo("{\"field\":\"datasetId\",\"value\":\"" + id + "\",\"message\":\""
                        + noTargets + "not evaluated\"}");
        assertThat(refused("/models", "{\"datasetId\": \"" + id + "\", \"architecture\": {\"layers\": "
                + "[{\"units\": 1}]}}").at("/errors/0/message").asString()).isEqualTo(noTargets + "not trained on");
    }

    @Test
    void unknownDatasetIdShouldBeNamedInTheTrainingRequest() {
        JsonNode problem = json(http.post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body("{\"datasetId\": \"nope\", \"architecture\": {\"layers\": [{\"units\": 1}]}}").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("datasetId");
    }

    @Test
    void evaluatingAStoredDataSetShouldBeBoundedByTheValuesItHoldsAtOnce() {
        String rows = "x,class\n" + "0,a\n1,b\n".repeat(15) + "0,a\n";
        String datasetId = JSON.readTree(http.post().uri("/datasets?targets=class").contentType(CSV).body(rows)
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("id").asString();
        String model = JSON.readTree(http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("""
                {"datasetId": "%s", "architecture": {"layers": [{"units": 2, "activation": "softmax"}],
                 "loss": "cross_entropy"}, "training": {"epochs": 5}}""".formatted(datasetId)).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();

        JsonNode problem = json(http.post().uri("/models/" + model + "/evaluate")
                .contentType(MediaType.APPLICATION_JSON).body("{\"datasetId\": \"" + datasetId + "\"}").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.at("/errors/0/message").asString())
                .isEqualTo("31 rows × 2 outputs must be at most 60 values (backprop.limits.max-target-values)");
    }

    /**
     * 1e39 is a finite double but no float32: a float32 network's first unit, x1 − x2, computes ∞ − ∞. The NaN
     * outputs used to be answered as the first class, 200, and counted as such by evaluate; now such a row is
     * refused, or in a stored data set's stream answered without a label.
     */
    @Test
    void featuresThatOverflowTheNetworkShouldBeNamedNotAnsweredAsTheFirstClass() {
        String datasetId = JSON.readTree(http.post().uri("/datasets?targets=class").contentType(CSV)
                .body("x1,x2,class\n0,0,a\n1,0,b\n1e39,1e39,b\n").exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();
        String model = JSON.readTree(http.post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("""
                {"dataset": {"features": [[0, 0], [1, 0]], "labels": ["a", "b"], "featureNames": ["x1", "x2"]},
                 "architecture": {"layers": [{"units": 1, "weights": [[1, -1]], "biases": [0]},
                                             {"units": 2, "activation": "softmax"}],
                                  "loss": "cross_entropy", "precision": "float32"},
                 "training": {"epochs": 1, "learningRate": 0.001}}""").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/models/" + model).get("status").asString().equals("SUCCEEDED"));
        String overflows = "overflows the network's float32 arithmetic, so its outputs are not finite numbers; "
                + "send features on the scale of the rows it was trained on";

        JsonNode predicted = refused("/models/" + model + "/predict", "{\"features\": [[0, 0], [1e39, 1e39]]}");
        JsonNode evaluated = refused("/models/" + model + "/evaluate",
                "{\"features\": [[0, 0], [1e39, 1e39]], \"labels\": [\"a\", \"b\"]}");
        JsonNode stored = refused("/models/" + model + "/evaluate", "{\"datasetId\": \"" + datasetId + "\"}");
        JsonNode streamed = json(http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"datasetId\": \"" + datasetId + "\"}").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        String streamedCsv = http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .accept(CSV).body("{\"datasetId\": \"" + datasetId + "\"}").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(predicted.get("errors").get(0).toString()).isEqualTo("{\"field\":\"features[1][0]\","
                + "\"value\":\"1.0E39\",\"message\":\"" + overflows + "\"}");
        assertThat(evaluated.at("/errors/0/field").asString()).isEqualTo("features[1][0]");
        assertThat(stored.get("errors").get(0).toString()).isEqualTo("{\"field\":\"datasetId\",\"value\":\""
                + datasetId + "\",\"message\":\"row 2's x1 = 1.0E39 " + overflows + "\"}");
        // a stream cannot be refused once under way: the row keeps its outputs and gets no label
        assertThat(streamed.get("labels")).hasSize(3);
        assertThat(streamed.at("/labels/1").asString()).isNotEmpty();
        assertThat(streamed.at("/labels/2").isNull()).isTrue();
        assertThat(streamed.at("/outputs/2").toString()).isEqualTo("[\"NaN\",\"NaN\"]");
        assertThat(streamedCsv.lines().toList()).hasSize(4).last().isEqualTo(",NaN,NaN");
        http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[1e30, 1e30]]}").exchange().expectStatus().isOk();
    }

    private JsonNode refused(String uri, String body) {
        return json(http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void aNameForBothAFeatureAndATargetShouldBeRefused() {
        assertThat(invalidJson("{\"features\": [[0, 1], [1, 0]], \"targets\": [[0], [1]], "
                + "\"featureNames\": [\"a\", \"y\"]}").get("errors").get(0).toString()).isEqualTo(
                        "{\"field\":\"featureNames\",\"value\":\"[a, y]\","
                                + "\"message\":\"names y as a feature and as a target (the targets' default name)\"}");
        assertThat(invalidJson("{\"features\": [[0, 1], [1, 0]], \"labels\": [\"no\", \"yes\"], "
                + "\"targetNames\": [\"x2\"]}").get("errors").get(0).toString()).isEqualTo(
                        "{\"field\":\"targetNames\",\"value\":\"[x2]\","
                                + "\"message\":\"names x2 as a feature and as a target\"}");
    }

    private JsonNode invalidJson(String dataset) {
        return json(http.post().uri("/datasets").contentType(MediaType.APPLICATION_JSON).body(dataset).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void badCsvFilesShouldNameTheLineAndColumn() {
        assertThat(badCsv("a,b,y\n1,2,0\n3,x,1\n", "y").at("/errors/0").toString())
                .isEqualTo("{\"line\":3,\"column\":2,\"columnName\":\"b\",\"value\":\"x\","
                        + "\"message\":\"'x' is not a finite number\"}");
        assertThat(badCsv("a,b,y\n1,2,0\n3,1\n", "y").at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(badCsv("a,score\n1,2\n", "scroe").get("detail").asString())
                .isEqualTo("line 1: the target column 'scroe' is not in the header [a, score]");
        assertThat(badCsv("", "y").get("detail").asString()).startsWith("line 1: the file is empty");
        assertThat(badCsv("a,y\n" + "1,1\n".repeat(51), "y").get("detail").asString())
                .isEqualTo("line 52: the file has more than 50 rows (backprop.limits.max-rows)");
    }

    @Test
    void overlongClassLabelShouldBeRefusedAndLeaveTheListReadable() {
        String label = "z".repeat(50_001);

        JsonNode problem = badCsv("a,y\n1,yes\n2," + label + "\n", "y");
        http.post().uri("/datasets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("features", new double[][] {{0}, {1}}, "labels", java.util.List.of("no", label)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("labels[1]");

        assertThat(problem.at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(problem.at("/errors/0/message").asString()).contains("at most 200 characters");
        assertThat(problem.toString()).hasSizeLessThan(1000);
        assertThat(get("/datasets").get("content").toString()).doesNotContain("zzzz");
    }

    @Test
    void controlCharactersInNamesShouldBeRefused() {
        assertThat(badCsv("a\u0001,y\n1,1\n2,0\n", "y").at("/errors/0/column").asInt()).isEqualTo(1);
        http.post().uri("/datasets?targets=y&name={name}", "x".repeat(201)).contentType(CSV).body("a,y\n1,1\n")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("name");
        http.post().uri("/datasets?targets=y&name={name}", "a\u0000b").contentType(CSV).body("a,y\n1,1\n")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("name");
        http.post().uri("/datasets?targets=y&name=").contentType(CSV).body("a,y\n1,1\n").exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].message").isEqualTo("must not be blank");
    }

    @Test
    void malformedUtf8ShouldBeRefusedWithItsLine() {
        byte[] head = ("a,y\n" + "1,1\n".repeat(40)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = {'2', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] csv = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, csv, head.length, bad.length);
        int before = get("/datasets").at("/page/totalElements").asInt();

        JsonNode problem = json(http.post().uri("/datasets?targets=y").contentType(CSV).body(csv).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("detail").asString()).isEqualTo("line 42: the line is not valid UTF-8; save the file "
                + "as UTF-8");
        assertThat(get("/datasets").at("/page/totalElements").asInt()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void uploadsPastTheStorageBudgetShouldBeRefusedUntilRoomIsMade() {
        String csv = wideCsv("0.123456");
        String other = wideCsv("0.654321");
        String first = upload("/datasets?targets=y", csv).get("id").asString();
        String same = upload("/datasets?targets=y", csv).get("id").asString();

        JsonNode full = json(http.post().uri("/datasets?targets=y").contentType(CSV).body(other).exchange()
                .expectStatus().isEqualTo(507).expectBody(String.class).returnResult().getResponseBody());
        http.delete().uri("/datasets/" + first).exchange().expectStatus().isNoContent();
        http.delete().uri("/datasets/" + same).exchange().expectStatus().isNoContent();
        String again = upload("/datasets?targets=y", other).get("id").asString();

        assertThat(full.get("type").asString()).isEqualTo("/problems/storage-full");
        assertThat(full.get("detail").asString()).contains("max-store-bytes");
        assertThat(full.get("storedBytes").asLong() + full.get("requestedBytes").asLong())
                .isGreaterThan(full.get("maxStoreBytes").asLong());
        http.delete().uri("/datasets/" + again).exchange().expectStatus().isNoContent();
    }

    /** 50 rows of 500 features all {@code value}, and a 0/1 target: 200 KB of float64 values. */
    private static String wideCsv(String value) {
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 500; j++) {
            csv.append('c').append(j).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < 50; i++) {
            csv.append((value + ",").repeat(500)).append(i % 2).append('\n');
        }
        return csv.toString();
    }

    @Test
    void unknownDatasetShouldBeNotFound() {
        http.get().uri("/datasets/nope").exchange().expectStatus().isNotFound().expectBody().jsonPath("$.type")
                .isEqualTo("/problems/dataset-not-found");
        http.delete().uri("/datasets/nope").exchange().expectStatus().isNotFound();
    }

    private JsonNode upload(String path, String csv) {
        return json(http.post().uri(path).contentType(CSV).body(csv).exchange().expectStatus().isCreated()
                .expectHeader().exists("Location").expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode badCsv(String csv, String targets) {
        JsonNode problem = json(http.post().uri("/datasets?targets=" + targets).contentType(CSV).body(csv).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-csv");
        return problem;
    }

    private JsonNode get(String path) {
        return json(http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
