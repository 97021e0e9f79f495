package io.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.backprop.support.ApiClient;
import io.backprop.support.EnabledIfNumpy;
import io.backprop.support.Numpy;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.json.JsonMapper;

/** The NumPy export, loaded by NumPy itself, which runs the tutorial's forward pass on it. */
@EnabledIfNumpy
@ServiceTest
class NpzExportTests extends ExportTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"xor", "exam", "cross", "softmax"})
    void numpyRunsTheTutorialsForwardPassOnTheArchiveToTheServicesOutputs(String which, @TempDir Path directory)
            throws Exception {
        String id = trained(switch (which) {
            case "exam" -> EXAM;
            case "cross" -> CROSS;
            case "softmax" -> network("softmax", "standard");
            default -> network("sigmoid", "none");
        });
        Path archive = Files.write(directory.resolve("model.npz"), export(id, "npz"));

        String output = Numpy.run("""
                import json
                f = np.load(args[0])
                arch = json.loads(f["architecture.json"])
                X = np.array(json.loads(args[1]), dtype=float)
                X = np.hstack([X] + [np.prod(X[:, c], axis=1, keepdims=True) for c in arch["featureCrosses"]])
                A = ((X - f["feature_offset"]) / f["feature_divisor"]).T
                for l, layer in enumerate(arch["layers"], 1):
                    Z = f["W%d" % l] @ A + f["b%d" % l]
                    g = layer["activation"]
                    if g == "sigmoid": A = 1 / (1 + np.exp(-Z))
                    elif g == "tanh": A = np.tanh(Z)
                    elif g == "relu": A = np.maximum(Z, 0)
                    elif g == "leaky_relu": A = np.where(Z > 0, Z, arch["leakyReluSlope"] * Z)
                    elif g == "softmax":
                        E = np.exp(Z - Z.max(axis=0))
                        A = E / E.sum(axis=0)
                    else: A = Z
                Y = A.T
                if "target_offset" in f.files: Y = Y * f["target_divisor"] + f["target_offset"]
                print(json.dumps(Y.tolist()))
                """, archive, JsonMapper.builder().build().writeValueAsString(ROWS));

        double[][] numpy = ApiClient.matrix(ApiClient.json(output.strip()));
        double[][] service = predicted(id);
        for (int i = 0; i < service.length; i++) {
            for (int j = 0; j < service[i].length; j++) {
                assertThat(numpy[i][j]).as("row %d output %d", i, j)
                        .isCloseTo(service[i][j], within(1e-12 * Math.max(1, Math.abs(service[i][j]))));
            }
        }
    }
}
