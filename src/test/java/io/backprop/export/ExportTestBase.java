package io.backprop.export;

import org.springframework.http.HttpHeaders;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;

/** Trained models of every kind the exports must carry, and the service's own answers to compare with. */
abstract class ExportTestBase extends HttpApiTests {

    static final double[][] ROWS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.3, 0.8}, {2, -1}};

    /** A two-input network with this hidden activation, trained briefly on XOR (a softmax output on three classes). */
    static String network(String hidden, String scaling) {
        boolean softmax = hidden.equals("softmax");
        String dataset = softmax
                ? "\"features\": [[0,0],[0,1],[1,0],[1,1],[2,2],[2,1]], "
                        + "\"labels\": [\"a\",\"b\",\"b\",\"a\",\"c\",\"c\"]"
                : "\"features\": [[0,0],[0,1],[1,0],[1,1]], \"targets\": [[0],[1],[1],[0]]";
        String output = softmax ? "{\"units\": 3, \"activation\": \"softmax\"}" : "{\"units\": 1}";
        return """
                {"dataset": {%s}, "preprocessing": {"featureScaling": "%s"},
                 "architecture": {"layers": [{"units": 4, "activation": "%s", "init": "xavier"}, %s]%s},
                 "training": {"epochs": 300, "learningRate": 0.5, "seed": 3}}"""
                .formatted(dataset, scaling, softmax ? "tanh" : hidden, output,
                        softmax ? ", \"loss\": \"cross_entropy\"" : "");
    }

    /** The exam scores: regression with both scalings, and a model with a feature cross. */
    static final String EXAM = """
            {"dataset": {"features": [[2, 9], [1, 5], [3, 6]], "targets": [[92], [86], [89]]},
             "preprocessing": {"featureScaling": "max", "targetScaling": "max"},
             "architecture": {"layers": [{"units": 3, "bias": false, "init": "xavier"}, {"units": 1, "bias": false}]},
             "training": {"epochs": 2000, "learningRate": 1.0, "seed": 1}}""";
    static final String CROSS = """
            {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]],
                         "featureNames": ["x1", "x2"]},
             "preprocessing": {"featureCrosses": [["x1", "x2"]], "featureScaling": "standard"},
             "architecture": {"layers": [{"units": 1, "activation": "sigmoid"}]},
             "training": {"epochs": 2000, "learningRate": 1.0, "seed": 3}}""";

    String trained(String request) {
        String id = api.train(request);
        api.awaitSucceeded(id);
        return id;
    }

    byte[] export(String id, String format) {
        return api.http().get().uri("/models/{id}/export?format={format}", id, format).exchange().expectStatus()
                .isOk().expectHeader()
                .valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; .*\\." + format + "\"?")
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    double[][] predicted(String id) {
        return ApiClient.matrix(api.predict(id, ROWS).get("outputs"));
    }
}
