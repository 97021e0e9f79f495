package io.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.backprop.support.ServiceTest;

/** The ONNX export, run by ONNX Runtime's Java API, for every activation, scaling and feature crosses. */
@ServiceTest
class OnnxExportTests extends ExportTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax", "exam", "cross"})
    void onnxRuntimeRunsTheGraphToTheServicesOutputs(String which) throws Exception {
        String id = trained(which.equals("exam") ? EXAM : which.equals("cross") ? CROSS
                : network(which, which.equals("relu") ? "minmax" : "standard"));
        byte[] onnx = export(id, "onnx");
        float[][] rows = new float[ROWS.length][];
        for (int i = 0; i < ROWS.length; i++) {
            rows[i] = new float[] {(float) ROWS[i][0], (float) ROWS[i][1]};
        }

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        float[][] outputs;
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor features = OnnxTensor.createTensor(environment, rows);
                OrtSession.Result result = session.run(Map.of("features", features))) {
            outputs = (float[][]) result.get("outputs").orElseThrow().getValue();
        }

        double[][] service = predicted(id);
        for (int i = 0; i < service.length; i++) {
            for (int j = 0; j < service[i].length; j++) {
                assertThat((double) outputs[i][j]).as("%s row %d output %d", which, i, j)
                        .isCloseTo(service[i][j], within(1e-6 * Math.max(1, Math.abs(service[i][j]))));
            }
        }
    }

    @Test
    void anUnknownFormatIsRefusedNamingIt() {
        String id = trained(network("sigmoid", "none"));
        api.http().get().uri("/models/{id}/export?format=pickle", id).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }
}
