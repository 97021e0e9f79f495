package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import io.backprop.support.LimitedServiceTest;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/** Bad requests get a 4xx application/problem+json naming the field and value, never a 5xx, and store nothing. */
@LimitedServiceTest
class ModelValidationTests extends HttpApiTests {

    private static final String DATA = """
            "dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}""";
    private static final String NET = """
            "architecture": {"layers": [{"units": 3}, {"units": 1}]}""";

    static Stream<Arguments> badTrainingRequests() {
        return Stream.of(
                bad("ragged rows", "{\"dataset\": {\"features\": [[0,0],[1]], \"targets\": [[0],[1]]}, " + NET + "}",
                        "dataset.features[1]"),
                bad("target width differs from the last layer", "{\"dataset\": {\"features\": [[0,0]], "
                        + "\"targets\": [[0,1]]}, " + NET + "}", "dataset.targets"),
                bad("fewer target rows than feature rows", "{\"dataset\": {\"features\": [[0,0],[1,1]], "
                        + "\"targets\": [[0]]}, " + NET + "}", "dataset.targets"),
                bad("unknown activation", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"activation\": \"sigmoidd\"}]}}", "architecture.layers[0].activation"),
                bad("unknown init", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"init\": \"glorot\"}]}}", "architecture.layers[0].init"),
                bad("unknown loss", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1}], "
                        + "\"loss\": \"hinge\"}}", "architecture.loss"),
                bad("NaN as a string", "{\"dataset\": {\"features\": [[\"NaN\",0]], \"targets\": [[0]]}, " + NET
                        + "}", "dataset.features[0][0]"),
                bad("Infinity as a string in targets", "{\"dataset\": {\"features\": [[0,0]], "
                        + "\"targets\": [[\"Infinity\"]]}, " + NET + "}", "dataset.targets[0][0]"),
                bad("1e400 overflows to infinity", "{\"dataset\": {\"features\": [[0,1e400]], \"targets\": [[0]]}, "
                        + NET + "}", "dataset.features[0][1]"),
                bad("negative epochs", "{" + DATA + ", " + NET + ", \"training\": {\"epochs\": -5}}",
                        "training.epochs"),
                bad("too many epochs", "{" + DATA + ", " + NET + ", \"training\": {\"epochs\": 2000000}}",
                        "training.epochs"),
                bad("zero learning rate", "{" + DATA + ", " + NET + ", \"training\": {\"learningRate\": 0}}",
                        "training.learningRate"),
                bad("zero gradient clipping bound", "{" + DATA + ", " + NET + ", \"training\": {\"clipNorm\": 0}}",
                        "training.clipNorm"),
                bad("zero batch size", "{" + DATA + ", " + NET + ", \"training\": {\"batchSize\": 0}}",
                        "training.batchSize"),
                bad("too many parameters", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 4096}, "
                        + "{\"units\": 4096}, {\"units\": 1}]}}", "architecture.layers"),
                bad("too many units", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 5000}, "
                        + "{\"units\": 1}]}}", "architecture.layers[0].units"),
                bad("zero units", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 0}, {\"units\": 1}]}}",
                        "architecture.layers[0].units"),
                bad("too many layers", "{" + DATA + ", \"architecture\": {\"layers\": ["
                        + "{\"units\": 1},".repeat(20) + "{\"units\": 1}]}}", "architecture.layers"),
                bad("no layers", "{" + DATA + ", \"architecture\": {\"layers\": []}}", "architecture.layers"),
                bad("wrong weight shape", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 3, "
                        + "\"weights\": [[1,2,3],[1,2,3],[1,2,3]]}, {\"units\": 1}]}}",
                        "architecture.layers[0].weights[0]"),
                bad("wrong number of biases", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"biases\": [0, 0]}]}}", "architecture.layers[0].biases"),
                bad("cross-entropy without softmax", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1}], "
                        + "\"loss\": \"cross_entropy\"}}", "architecture.loss"),
                bad("empty dataset", "{\"dataset\": {\"features\": [], \"targets\": []}, " + NET + "}",
                        "dataset.features"),
                bad("missing architecture", "{" + DATA + "}", "architecture"),
                bad("missing dataset", "{" + NET + "}", "dataset"),
                bad("features as text", "{\"dataset\": {\"features\": \"0,0\", \"targets\": [[0]]}, " + NET + "}",
                        "dataset.features"),
                bad("misspelt field", "{" + DATA + ", " + NET + ", \"training\": {\"learningrate\": 1}}",
                        "training.learningrate"),
                bad("feature names that do not match the columns", "{\"dataset\": {\"features\": [[0,0]], "
                        + "\"targets\": [[0]], \"featureNames\": [\"a\"]}, " + NET + "}", "dataset.featureNames"),
                bad("units as a fraction", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 2.7}]}}",
                        "architecture.layers[0].units"),
                bad("units as text", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": \"3\"}]}}",
                        "architecture.layers[0].units"),
                bad("activation as a number", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"activation\": 3}]}}", "architecture.layers[0].activation"),
                bad("precision as a number", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1}], "
                        + "\"precision\": 1}}", "architecture.precision"),
                bad("activation with a NUL", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"activation\": \"sigmoid\\u0000\"}]}}", "architecture.layers[0].activation"),
                bad("activation with a trailing space", "{" + DATA + ", \"architecture\": {\"layers\": [{\"units\": 1, "
                        + "\"activation\": \"sigmoid \"}]}}", "architecture.layers[0].activation"),
                bad("name as a boolean", "{\"name\": false, " + DATA + ", " + NET + "}", "name"),
                bad("name with a NUL", "{\"name\": \"a\\u0000b\", " + DATA + ", " + NET + "}", "name"),
                bad("name over 200 characters", "{\"name\": \"" + "n".repeat(201) + "\", " + DATA + ", " + NET + "}",
                        "name"),
                // the name is a path segment in /registry/{name}, which could never reach these
                bad("name with a slash", "{\"name\": \"churn/eu\", " + DATA + ", " + NET + "}", "name"),
                bad("name with a backslash", "{\"name\": \"churn\\\\eu\", " + DATA + ", " + NET + "}", "name"),
                bad("name of two dots", "{\"name\": \"..\", " + DATA + ", " + NET + "}", "name"),
                bad("empty name", "{\"name\": \"\", " + DATA + ", " + NET + "}", "name"),
                bad("blank name", "{\"name\": \" \\t \", " + DATA + ", " + NET + "}", "name"),
                bad("feature name with a line break", "{\"dataset\": {\"features\": [[0,0]], \"targets\": [[0]], "
                        + "\"featureNames\": [\"a\", \"b\\nINFO forged\"]}, " + NET + "}", "dataset.featureNames[1]"),
                bad("one class to learn", "{\"dataset\": {\"features\": [[0,0],[1,1]], \"labels\": [\"a\", \"a\"]}, "
                        + "\"architecture\": {\"layers\": [{\"units\": 1, \"activation\": \"softmax\"}]}}",
                        "dataset.labels"),
                bad("one class number to learn", "{\"dataset\": {\"features\": [[0,0],[1,1]], \"targets\": [[1], [1]]}, "
                        + "\"architecture\": {\"layers\": [{\"units\": 2, \"activation\": \"softmax\"}]}}",
                        "dataset.targets"),
                bad("overlong class label", "{\"dataset\": {\"features\": [[0,0],[1,1]], \"labels\": [\"a\", \""
                        + "b".repeat(50_001) + "\"]}, " + NET + "}", "dataset.labels[1]"),
                bad("datasetId with a NUL", "{\"datasetId\": \"x\\u0000\", " + NET + "}", "datasetId"),
                bad("initFrom that is no id", "{" + DATA + ", " + NET + ", \"initFrom\": \"../x\\u0000\"}",
                        "initFrom"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTrainingRequests")
    void badTrainingRequestShouldNameTheField(String description, String body, String field) {
        JsonNode problem = postExpectingProblem("/models", body, 400);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        assertThat(listedModels()).as("nothing is stored").isZero();
    }

    @Test
    void everyViolationShouldBeReportedAtOnce() {
        JsonNode problem = postExpectingProblem("/models", """
                {"dataset": {"features": [[0,0],[0]], "targets": [[0],["NaN"]]},
                 "architecture": {"layers": [{"units": 0, "activation": "swish"}, {"units": 1}], "loss": 3},
                 "training": {"epochs": "many", "learningRate": -1, "optimizer": "rmsprop"}, "zzz": 1}""", 400);

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "dataset.features[1]", "dataset.targets[1][0]", "architecture.layers[0].units",
                "architecture.layers[0].activation", "architecture.loss", "training.epochs", "training.learningRate",
                "training.optimizer", "zzz");
        assertThat(problem.get("errors").findValuesAsString("value")).contains("1 value", "NaN", "0", "-1.0", "swish",
                "many", "rmsprop");
    }

    @Test
    void malformedJsonShouldBeAProblemNotAServerError() {
        JsonNode problem = postExpectingProblem("/models", "{\"dataset\": {", 400);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/malformed-json");
        assertThat(problem.get("detail").asString()).contains("line 1").doesNotContain("Source");
    }

    @Test
    void jobPastTheMemoryBudgetShouldBeRefusedWithTheEstimateAndTheSettingToLower() {
        String rows = "[1],".repeat(19_999) + "[1]";
        String labels = "[0],".repeat(10_000) + "[1],".repeat(9_999) + "[1]";
        String request = "{\"dataset\": {\"features\": [" + rows + "], \"targets\": [" + labels + "]}, "
                + "\"architecture\": {\"layers\": [{\"units\": 4000}, {\"units\": 1}]}%s}";

        JsonNode problem = postExpectingProblem("/models", request.formatted(""), 422);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/job-too-large");
        // 20,000 rows × (4000 + 1 units) × (activations and deltas) × 8 bytes
        assertThat(problem.get("activationBytes").asLong()).isGreaterThanOrEqualTo(20_000L * 4001 * 2 * 8);
        assertThat(problem.get("estimatedBytes").asLong()).isGreaterThan(problem.get("budgetBytes").asLong());
        assertThat(problem.get("detail").asString()).contains("training.batchSize", "max-job-memory");
        assertThat(listedModels()).as("nothing is stored").isZero();
        String accepted = api.train(request.formatted(", \"training\": {\"batchSize\": 256, \"epochs\": 1}"));
        api.http().delete().uri("/models/" + accepted).exchange().expectStatus().isNoContent();
    }

    @Test
    void modelPastTheByteLimitShouldBeRefused() {
        JsonNode problem = postExpectingProblem("/models", "{" + DATA + ", \"architecture\": {\"layers\": ["
                + "{\"units\": 1000}, {\"units\": 200}, {\"units\": 1}]}}", 413);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/model-too-large");
        assertThat(problem.get("parameterBytes").asLong()).isGreaterThan(8L * 200_000);
        assertThat(problem.get("detail").asString()).contains("max-model-bytes");
    }

    @Test
    void tooManyClassesShouldNameTheLabels() {
        StringBuilder labels = new StringBuilder("\"c0\"");
        StringBuilder rows = new StringBuilder("[0]");
        for (int c = 1; c <= 100; c++) {
            labels.append(",\"c").append(c).append('"');
            rows.append(",[").append(c).append(']');
        }

        JsonNode problem = postExpectingProblem("/models", "{\"dataset\": {\"features\": [" + rows + "], \"labels\": ["
                + labels + "]}, \"architecture\": {\"layers\": [{\"units\": 101, \"activation\": \"softmax\"}], "
                + "\"loss\": \"cross_entropy\"}}", 400);

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("dataset.labels");
    }

    @Test
    void keyGivenTwiceShouldBeMalformed() {
        JsonNode problem = postExpectingProblem("/models", "{\"name\": \"a\", \"name\": \"b\"}", 400);

        assertThat(problem.get("detail").asString()).contains("Duplicate");
    }

    @Test
    void chunkedBodyOverTheSizeLimitShouldBeTooLargeNotAFieldError() throws Exception {
        StringBuilder rows = new StringBuilder("[0.123456789,0.5]");
        while (rows.length() < 1_200_000) {
            rows.append(",[0.123456789,0.5]");
        }
        byte[] body = ("{\"dataset\": {\"features\": [" + rows + "], \"targets\": [[1]]}}").getBytes();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/models"))
                        .header("Content-Type", "application/json")
                        // a stream of unknown length goes out chunked, without a Content-Length to check up front
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(body)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(ApiClient.json(answer.body()).get("type").asString()).isEqualTo("/problems/request-too-large");
    }

    @Test
    void regressionModelEvaluatedWithLabelsShouldNameTheField() {
        String id = api.train("""
                {"dataset": {"features": [[1],[2],[3]], "targets": [[0.2],[0.4],[0.6]]},
                 "architecture": {"layers": [{"units": 1, "activation": "identity"}]},
                 "training": {"epochs": 10}}""");
        api.awaitSucceeded(id);

        JsonNode problem = postExpectingProblem("/models/" + id + "/evaluate",
                "{\"features\": [[1],[2]], \"labels\": [\"a\", \"b\"]}", 400);

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("labels");
        api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
    }

    @Test
    void bodyOverTheSizeLimitShouldBeRejected() {
        String huge = "{\"name\": \"" + "x".repeat(1_200_000) + "\"}";

        JsonNode problem = postExpectingProblem("/models", huge, 413);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/request-too-large");
    }

    @Test
    void otherMediaTypesShouldBeRefused() {
        api.http().post().uri("/models").contentType(MediaType.TEXT_PLAIN).body("x").exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> exactlyOneOfTwo() {
        return Stream.of(Arguments.of("{\"datasetId\": \"d\", " + DATA + ", " + NET + "}", "dataset", "both given"),
                Arguments.of("{" + NET + "}", "dataset", "neither given"),
                Arguments.of("{\"dataset\": {\"features\": [[0,0]], \"targets\": [[0]], \"labels\": [\"a\"]}, " + NET
                        + "}", "dataset.targets", "both given"),
                Arguments.of("{\"dataset\": {\"features\": [[0,0]]}, " + NET + "}", "dataset.targets",
                        "neither given"));
    }

    @ParameterizedTest
    @MethodSource("exactlyOneOfTwo")
    void whereExactlyOneOfTwoFieldsIsDueTheProblemShouldSayWhetherBothOrNeitherCame(String body, String field,
            String value) {
        JsonNode problem = postExpectingProblem("/models", body, 400);

        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("value").asString()).isEqualTo(value);
        });
    }

    @Test
    void predictingFromRowsAndADatasetAtOnceShouldSayBothCame() {
        String id = api.train(ApiClient.xor(100));
        api.awaitSucceeded(id);
        try {
            JsonNode problem = postExpectingProblem("/models/" + id + "/predict",
                    "{\"features\": [[0,1]], \"datasetId\": \"d\"}", 400);

            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("features");
            assertThat(problem.get("errors").get(0).get("value").asString()).isEqualTo("both given");
        }
        finally {
            api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
        }
    }

    @ParameterizedTest
    @MethodSource("bodiesThatAreNotObjects")
    void aBodyThatIsNotAnObjectShouldBeNamedAsTheBody(String body, String value) {
        JsonNode problem = postExpectingProblem("/models", body, 400);

        assertThat(problem.get("detail").asString()).isEqualTo("(body): must be a JSON object");
        assertThat(problem.get("errors").get(0).get("value").asString()).isEqualTo(value);
    }

    static Stream<Arguments> bodiesThatAreNotObjects() {
        return Stream.of(Arguments.of("[1, 2]", "an array"), Arguments.of("\"xor\"", "xor"),
                Arguments.of("42", "42"));
    }

    @Test
    void typesSpringRefusesShouldBeAnsweredForTheirAddressNamingTheType() {
        JsonNode problem = problem(api.http().post().uri("/models").contentType(MediaType.APPLICATION_XML)
                .body("<model/>").exchange().expectStatus().isEqualTo(415).expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody(String.class).returnResult());

        assertThat(problem.get("detail").asString()).contains("'application/xml'");
        assertThat(problem.get("instance").asString()).isEqualTo("/models");
    }

    @Test
    void aMethodAnAddressDoesNotTakeShouldBeAnsweredForThatAddress() {
        JsonNode problem = problem(api.http().put().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body("{}").exchange().expectStatus().isEqualTo(405).expectHeader().exists("Allow")
                .expectBody(String.class).returnResult());

        assertThat(problem.get("detail").asString()).contains("'PUT'");
        assertThat(problem.get("instance").asString()).isEqualTo("/models");
    }

    @Test
    void aWholeNumberTooLargeOrNotWholeShouldBeToldTheLargestItMayBe() {
        JsonNode body = ApiClient.json(ApiClient.OR);
        ((tools.jackson.databind.node.ObjectNode) body.at("/architecture/layers/0")).put("units", 99_999_999_999L);
        ((tools.jackson.databind.node.ObjectNode) body.get("training")).put("epochs", 1.5);
        JsonNode problem = problem(api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(body.toString()).exchange().expectStatus().isBadRequest().expectBody(String.class)
                .returnResult());

        assertThat(problem.get("errors").findValuesAsString("message")).containsExactly(
                "must be a whole number, at most 2147483647", "must be a whole number, at most 2147483647");
        assertThat(getExpectingProblem("/registry/xor/versions/99999999999").get("errors")
                .findValuesAsString("message")).containsExactly("must be a whole number, at most 2147483647");
    }

    @Test
    void aRequiredParameterLeftOutShouldBeNamedLikeAnyInvalidField() {
        JsonNode problem = getExpectingProblem("/registry/xor/compare?from=1");

        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("to");
        assertThat(problem.get("errors").findValuesAsString("message")).containsExactly("is required");
    }

    @Test
    void unknownStatusFilterAndOversizedPageShouldNameTheParameter() {
        assertThat(getExpectingProblem("/models?status=DONE").get("errors").findValuesAsString("field"))
                .containsExactly("status");
        assertThat(getExpectingProblem("/models?size=1000").get("errors").findValuesAsString("field"))
                .containsExactly("size");
    }

    @Test
    void unknownModelShouldBeNotFound() {
        JsonNode problem = getExpectingProblem("/models/3f2a-nope", 404);

        assertThat(problem.get("detail").asString()).isEqualTo("Unable to find model 3f2a-nope");
        postExpectingProblem("/models/3f2a-nope/predict", "{\"features\": [[0,0]]}", 404);
        api.http().delete().uri("/models/3f2a-nope").exchange().expectStatus().isNotFound();
    }

    @Test
    void badPredictionRowsShouldNameTheField() {
        String id = api.train(ApiClient.xor(10));
        api.awaitSucceeded(id);

        JsonNode wrongWidth = postExpectingProblem("/models/" + id + "/predict", "{\"features\": [[0,0,1]]}", 400);
        JsonNode notFinite = postExpectingProblem("/models/" + id + "/predict", "{\"features\": [[0,\"NaN\"]]}", 400);
        JsonNode missing = postExpectingProblem("/models/" + id + "/predict", "{}", 400);

        assertThat(wrongWidth.get("errors").findValuesAsString("field")).containsExactly("features[0]");
        assertThat(notFinite.get("errors").findValuesAsString("field")).containsExactly("features[0][1]");
        assertThat(missing.get("errors").findValuesAsString("field")).containsExactly("features");
        api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
    }

    private JsonNode postExpectingProblem(String path, String body, int status) {
        return problem(api.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult());
    }

    private JsonNode getExpectingProblem(String path) {
        return getExpectingProblem(path, 400);
    }

    private JsonNode getExpectingProblem(String path, int status) {
        return problem(api.http().get().uri(path).exchange().expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult());
    }

    private static JsonNode problem(EntityExchangeResult<String> result) {
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = ApiClient.json(result.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(result.getStatus().value());
        assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception", "at io.");
        return problem;
    }

    private int listedModels() {
        return api.get("/models").at("/page/totalElements").asInt();
    }

    private static Arguments bad(String description, String body, String field) {
        return Arguments.of(description, body, field);
    }
}
