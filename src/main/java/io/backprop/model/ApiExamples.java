package io.backprop.model;

/** Request bodies shown in Swagger UI, ready to send. */
final class ApiExamples {

    static final String XOR = """
            {
              "name": "xor",
              "dataset": {
                "features": [[0,0],[0,1],[1,0],[1,1]],
                "targets": [[0],[1],[1],[0]],
                "featureNames": ["x1","x2"]
              },
              "architecture": {
                "layers": [
                  {"units": 3, "activation": "sigmoid", "init": "xavier"},
                  {"units": 1, "activation": "sigmoid"}
                ],
                "loss": "squared_error"
              },
              "training": {"epochs": 5000, "learningRate": 1.0, "seed": 7}
            }""";

    static final String OR = """
            {
              "name": "or",
              "dataset": {
                "features": [[0,0],[0,1],[1,0],[1,1]],
                "targets": [[0],[1],[1],[1]]
              },
              "architecture": {
                "layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.1, 0.6]], "biases": [0]}]
              },
              "training": {"epochs": 5000, "learningRate": 1.0}
            }""";

    static final String EXAM = """
            {
              "name": "exam",
              "dataset": {
                "features": [[2,9],[1,5],[3,6]],
                "targets": [[92],[86],[89]],
                "featureNames": ["studied","slept"],
                "targetNames": ["score"]
              },
              "preprocessing": {"featureScaling": "max", "targetScaling": "max"},
              "architecture": {
                "layers": [
                  {"units": 3, "bias": false, "init": "xavier"},
                  {"units": 1, "bias": false, "init": "xavier"}
                ]
              },
              "training": {"epochs": 150000, "learningRate": 10.0, "seed": 1}
            }""";

    private ApiExamples() {
    }
}
