package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ServiceTest;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/** The tutorials' shaded pictures as data: a two-input model's output over a grid. */
@ServiceTest
class DecisionBoundaryTests extends HttpApiTests {

    @Test
    void orBoundaryShouldSeparateTheOriginFromTheOtherCorners() {
        String id = api.train(ApiClient.OR);
        api.awaitSucceeded(id);

        JsonNode corners = api.get("/models/" + id + "/decision-boundary?resolution=2&xMin=0&xMax=1&yMin=0&yMax=1");

        assertThat(corners.get("winners").toString()).isEqualTo("[[0,1],[1,1]]");
        assertThat(corners.get("values").get(0).get(0).asDouble()).isLessThan(0.5);
        assertThat(corners.get("classes").toString()).isEqualTo("[0,1]");
        assertThat(corners.get("points").toString()).contains("{\"x\":0.0,\"y\":0.0,\"label\":0}",
                "{\"x\":1.0,\"y\":1.0,\"label\":1}");
    }

    @Test
    void defaultGridShouldCoverTheTrainingRangeWithAMargin() {
        String id = api.train(ApiClient.OR);
        api.awaitSucceeded(id);

        JsonNode boundary = api.get("/models/" + id + "/decision-boundary");

        assertThat(boundary.get("xs").size()).isEqualTo(50);
        assertThat(boundary.get("values").size()).isEqualTo(50);
        assertThat(boundary.at("/xs/0").asDouble()).isEqualTo(-0.1);
        assertThat(boundary.at("/ys/49").asDouble()).isEqualTo(1.1);
    }

    @Test
    void softmaxBoundaryShouldNameTheWinningClassPerCell() {
        String id = trainedRegions("float64");

        JsonNode boundary = api.get("/models/" + id + "/decision-boundary?resolution=3&xMin=0&xMax=5&yMin=0&yMax=5");

        assertThat(boundary.get("classes").toString()).isEqualTo("[\"east\",\"north\",\"origin\"]");
        assertThat(boundary.at("/winners/0/0").asInt()).as("(0, 0)").isEqualTo(2);
        assertThat(boundary.at("/winners/0/2").asInt()).as("(5, 0)").isEqualTo(0);
        assertThat(boundary.at("/winners/2/0").asInt()).as("(0, 5)").isEqualTo(1);
        assertThat(boundary.has("values")).isFalse();
    }

    /** The id of a trained softmax of three regions (origin, east, north) over two features, in {@code precision}. */
    private String trainedRegions(String precision) {
        String id = api.train("""
                {"dataset": {"features": [[0,0],[0.1,0.2],[5,0],[5.2,0.1],[0,5],[0.1,5.1]],
                             "labels": ["origin","origin","east","east","north","north"]},
                 "architecture": {"layers": [{"units": 3, "activation": "softmax", "init": "xavier"}],
                                  "loss": "cross_entropy", "precision": "%s"},
                 "training": {"epochs": 2000, "learningRate": 0.5, "seed": 1}}""".formatted(precision));
        api.awaitSucceeded(id);
        return id;
    }

    /** 1e39 is no float32: such cells used to be answered as the first class; their outputs are NaN. */
    @Test
    void cellsBeyondTheNetworksArithmeticShouldNameNoClass() {
        String id = trainedRegions("float32");

        JsonNode boundary = api.get("/models/" + id + "/decision-boundary?resolution=2&xMin=0&xMax=1e39&yMin=0&yMax=0.2");

        assertThat(boundary.get("winners").toString()).isEqualTo("[[2,-1],[2,-1]]");
    }

    @Test
    void pointsOfALargeTrainingSetShouldBeTenThousandSpreadEvenlyOverItsRows() {
        StringBuilder rows = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(i).append(",").append(i % 7).append("]");
            targets.append(i == 0 ? "" : ",").append("[").append(i % 2).append("]");
        }
        String id = api.train("""
                {"dataset": {"features": [%s], "targets": [%s]},
                 "architecture": {"layers": [{"units": 1}]},
                 "training": {"epochs": 1, "batchSize": 1000, "shuffle": false}}""".formatted(rows, targets));
        api.awaitSucceeded(id);

        JsonNode points = api.get("/models/" + id + "/decision-boundary?resolution=2").get("points");

        assertThat(points.size()).isEqualTo(10_000);
        assertThat(points.get(0).get("x").asDouble()).isZero();
        assertThat(points.get(1).get("x").asDouble()).isEqualTo(1);
        assertThat(points.get(5).get("x").asDouble()).as("point 5 is row 5 × 12,000 / 10,000").isEqualTo(6);
        assertThat(points.get(9_999).get("x").asDouble()).isEqualTo(11_998);
        assertThat(points.get(9_999).get("label").asInt()).isZero();
    }

    @Test
    void modelWithThreeInputsShouldGetAProblemSayingWhy() {
        String id = api.train("""
                {"dataset": {"features": [[0,0,1],[1,1,0]], "targets": [[0],[1]]},
                 "architecture": {"layers": [{"units": 1}]}, "training": {"epochs": 10}}""");
        api.awaitSucceeded(id);

        JsonNode problem = ApiClient.json(api.http().get().uri("/models/" + id + "/decision-boundary").exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("detail").asString()).isEqualTo("A decision boundary needs a model with 2 input "
                + "features; model " + id + " has 3 (x1, x2, x3)");
        // an MNIST-sized model is not answered with its 784 names
        String wide = api.train("""
                {"dataset": {"features": [[%1$s],[%1$s]], "targets": [[0],[1]]},
                 "architecture": {"layers": [{"units": 1}]}, "training": {"epochs": 1}}"""
                .formatted("0,".repeat(783) + "0"));
        api.awaitSucceeded(wide);
        assertThat(ApiClient.json(api.http().get().uri("/models/" + wide + "/decision-boundary").exchange()
                .expectStatus().isEqualTo(409).expectBody(String.class).returnResult().getResponseBody())
                .get("detail").asString()).endsWith(" has 784 (x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, … (784 in all))");
    }

    @Test
    void gridOutsideTheLimitsShouldBeRejected() {
        String id = api.train(ApiClient.OR);
        api.awaitSucceeded(id);

        JsonNode problem = ApiClient.json(api.http().get()
                .uri("/models/" + id + "/decision-boundary?resolution=5000&xMin=2&xMax=1").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("resolution", "xMax");
        JsonNode notANumber = ApiClient.json(api.http().get()
                .uri("/models/" + id + "/decision-boundary?xMin=NaN&yMin=0&yMax=-1").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
        assertThat(notANumber.get("errors").findValuesAsString("field")).containsExactly("xMin", "yMax");
        assertThat(notANumber.get("errors").findValuesAsString("message"))
                .containsExactly("must be a finite number", "must be a finite number above yMin (0.0)");
        JsonNode tooWide = ApiClient.json(api.http().get()
                .uri("/models/" + id + "/decision-boundary?xMin=-1.7e308&xMax=1.7e308").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
        assertThat(tooWide.get("errors").findValuesAsString("field")).containsExactly("xMax");
    }

    @Test
    void aGridNearTheLargestNumbersShouldStayFiniteAndEndWhereAsked() {
        String id = api.train(ApiClient.OR);
        api.awaitSucceeded(id);

        JsonNode boundary = api.get("/models/" + id + "/decision-boundary?resolution=50&xMin=1e308&xMax=1.7e308");

        JsonNode xs = boundary.get("xs");
        assertThat(xs.valueStream().allMatch(JsonNode::isNumber)).isTrue();
        assertThat(xs.get(0).asDouble()).isEqualTo(1e308);
        assertThat(xs.get(49).asDouble()).isEqualTo(1.7e308);
    }
}
