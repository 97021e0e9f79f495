package io.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** The Open Inference Protocol V2 over real HTTP, with the protocol's own request shapes. */
@ServiceTest
class InferenceTests extends HttpApiTests {

    private String name;
    private String id;

    @BeforeEach
    void registerXor() {
        name = "xor-" + UUID.randomUUID().toString().substring(0, 8);
        id = api.train(ApiClient.xor(2000).replace("\"name\": \"xor\"", "\"name\": \"" + name + "\""));
        api.awaitSucceeded(id);
    }

    private JsonNode infer(String path, String body) {
        return ApiClient.json(api.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void serverMetadataAndHealth() {
        JsonNode server = api.get("/v2");
        assertThat(server.get("name").asString()).isEqualTo("backprop");
        assertThat(server.get("version").asString()).isNotBlank().isNotEqualTo("unknown");
        assertThat(server.get("extensions").isArray()).isTrue();
        assertThat(api.get("/v2/health/live").toString()).isEqualTo("{\"live\":true}");
        assertThat(api.get("/v2/health/ready").toString()).isEqualTo("{\"ready\":true}");
    }

    @Test
    void modelMetadataListsTheRealTensorsAndColumns() {
        JsonNode metadata = api.get("/v2/models/" + name);

        assertThat(metadata.get("name").asString()).isEqualTo(name);
        assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(metadata.get("platform").asString()).isEqualTo("backprop_mlp");
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"features\",\"datatype\":\"FP64\",\"shape\":[-1,2]}]");
        assertThat(metadata.get("outputs").toString()).isEqualTo("[{\"name\":\"outputs\",\"datatype\":\"FP64\","
                + "\"shape\":[-1,1]},{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(metadata.get("backprop").get("featureNames").toString()).isEqualTo("[\"x1\",\"x2\"]");
        assertThat(metadata.get("backprop").get("classes").toString()).isEqualTo("[0,1]");
        assertThat(api.get("/v2/models/" + name + "/versions/1").get("inputs")).isEqualTo(metadata.get("inputs"));
        assertThat(api.get("/v2/models/" + name + "/ready").toString())
                .isEqualTo("{\"name\":\"" + name + "\",\"ready\":true}");
        assertThat(api.get("/v2/models/" + name + "/versions/1/ready").get("ready").asBoolean()).isTrue();
    }

    @Test
    void flatFp64WithAnIdGivesTheSameOutputsAsPredict() {
        JsonNode predicted = api.predict(id, ApiClient.GATES);

        JsonNode answer = infer("/v2/models/" + name + "/infer", """
                {"id": "42", "inputs": [{"name": "features", "shape": [4, 2], "datatype": "FP64",
                  "data": [0, 0, 0, 1, 1, 0, 1, 1]}]}""");

        assertThat(answer.get("model_name").asString()).isEqualTo(name);
        assertThat(answer.get("model_version").asString()).isEqualTo("1");
        assertThat(answer.get("id").asString()).isEqualTo("42");
        JsonNode outputs = answer.get("outputs").get(0);
        assertThat(outputs.get("name").asString()).isEqualTo("outputs");
        assertThat(outputs.get("datatype").asString()).isEqualTo("FP64");
        assertThat(outputs.get("shape").toString()).isEqualTo("[4,1]");
        assertThat(ApiClient.matrix(ApiClient.json("[" + outputs.get("data").valueStream()
                .map(v -> "[" + v + "]").reduce((a, b) -> a + "," + b).orElseThrow() + "]")))
                .isDeepEqualTo(ApiClient.matrix(predicted.get("outputs")));
        JsonNode label = answer.get("outputs").get(1);
        assertThat(label.get("datatype").asString()).isEqualTo("BYTES");
        assertThat(label.get("shape").toString()).isEqualTo("[4]");
        assertThat(label.get("data").toString()).isEqualTo("[\"0\",\"1\",\"1\",\"0\"]");
    }

    @Test
    void nestedFp32WithoutIdAndOnlyTheAskedOutputs() {
        double[][] predicted = ApiClient.matrix(api.predict(id, ApiClient.GATES).get("outputs"));

        JsonNode answer = infer("/v2/models/" + name + "/versions/1/infer", """
                {"inputs": [{"name": "input-0", "shape": [4, 2], "datatype": "FP32",
                  "data": [[0, 0], [0, 1], [1, 0], [1, 1]]}],
                 "outputs": [{"name": "outputs"}]}""");

        assertThat(answer.has("id")).isFalse();
        assertThat(answer.get("outputs")).hasSize(1);
        JsonNode outputs = answer.get("outputs").get(0);
        assertThat(outputs.get("datatype").asString()).isEqualTo("FP32");
        for (int i = 0; i < 4; i++) {
            assertThat((float) outputs.get("data").get(i).asDouble()).isEqualTo((float) predicted[i][0]);
        }
        JsonNode labels = infer("/v2/models/" + name + "/infer", """
                {"inputs": [{"name": "x", "shape": [2, 2], "datatype": "INT32", "data": [[0, 1], [1, 1]]}],
                 "outputs": [{"name": "label"}]}""");
        assertThat(labels.get("outputs").toString())
                .isEqualTo("[{\"name\":\"label\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"1\",\"0\"]}]");
    }

    @Test
    void aliasesAndModelIdsNameModelsToo() {
        api.http().put().uri("/registry/{name}/aliases/champion", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 1)).exchange().expectStatus().isOk();
        String rows = """
                {"inputs": [{"name": "features", "shape": [1, 2], "datatype": "FP64", "data": [0, 1]}]}""";

        JsonNode byAlias = infer("/v2/models/" + name + "/versions/champion/infer", rows);
        JsonNode byId = infer("/v2/models/" + id + "/infer", rows);

        assertThat(byAlias.get("outputs")).isEqualTo(byId.get("outputs"));
        assertThat(byAlias.get("model_version").asString()).isEqualTo("1");
        assertThat(byId.get("model_name").asString()).isEqualTo(id);
    }

    @Test
    void errorsAreTheProtocolsOwnAndNever5xx() {
        String path = "/v2/models/" + name + "/infer";
        List<String> badRequests = List.of(
                // wrong shape: three features
                """
                {"inputs": [{"name": "f", "shape": [1, 3], "datatype": "FP64", "data": [0, 1, 2]}]}""",
                // wrong datatype
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "BYTES", "data": ["a", "b"]}]}""",
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "FP128", "data": [0, 1]}]}""",
                // data length not matching the shape, flat and nested
                """
                {"inputs": [{"name": "f", "shape": [2, 2], "datatype": "FP64", "data": [0, 1, 1]}]}""",
                """
                {"inputs": [{"name": "f", "shape": [2, 2], "datatype": "FP64", "data": [[0, 1], [1]]}]}""",
                // not an integer for an integer type, text for a number
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "INT32", "data": [0.5, 1]}]}""",
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "UINT8", "data": [-1, 1]}]}""",
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "FP64", "data": ["0", 1]}]}""",
                // two inputs, no inputs, unknown output, an id that is no string, no JSON at all
                """
                {"inputs": [{"name": "a", "shape": [1, 2], "datatype": "FP64", "data": [0, 1]},
                            {"name": "b", "shape": [1, 2], "datatype": "FP64", "data": [0, 1]}]}""",
                "{\"inputs\": []}",
                """
                {"inputs": [{"name": "f", "shape": [1, 2], "datatype": "FP64", "data": [0, 1]}],
                 "outputs": [{"name": "logits"}]}""",
                """
                {"id": 42, "inputs": [{"name": "f", "shape": [1, 2], "datatype": "FP64", "data": [0, 1]}]}""",
                "{\"inputs\": [{\"name\": \"f\", \"shape\": [-1, 2], \"datatype\": \"FP64\", \"data\": []}]}",
                "not json");
        for (String body : badRequests) {
            api.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody().jsonPath("$.error").isNotEmpty().jsonPath("$.type").doesNotExist();
        }
        String nobody = "nobody-" + UUID.randomUUID();
        Map<String, String> unknown = Map.of("/v2/models/" + nobody, "Unable to find registered name " + nobody,
                "/v2/models/" + name + "/versions/7", "Unable to find version " + name + " 7",
                "/v2/models/" + name + "/versions/nobody", "Unable to find alias " + name + "@nobody",
                "/v2/models/" + nobody + "/ready", "Unable to find registered name " + nobody);
        unknown.forEach((address, error) -> api.http().get().uri(address).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo(error));
        api.http().post().uri("/v2/models/nobody/infer").contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputs\": []}").exchange().expectStatus().isNotFound().expectBody().jsonPath("$.error")
                .isNotEmpty();
    }
}
