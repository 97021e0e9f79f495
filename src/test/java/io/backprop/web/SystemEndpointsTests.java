package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.backprop.support.ServiceTest;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Swagger UI, the OpenAPI document and the health probes, as operators and API explorers reach them. */
@ServiceTest
class SystemEndpointsTests extends HttpApiTests {

    private RestTestClient http;

    @BeforeEach
    void client() {
        http = api.http();
    }

    @Test
    void openApiDocumentShouldDescribeEveryEndpointWithRealSchemas() {
        JsonNode api = JsonMapper.builder().build().readTree(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        JsonNode paths = api.get("paths");
        assertThat(paths.get("/models").has("post")).isTrue();
        assertThat(paths.get("/models").has("get")).isTrue();
        assertThat(paths.get("/models/{id}").has("get")).isTrue();
        assertThat(paths.get("/models/{id}").has("delete")).isTrue();
        assertThat(paths.get("/models/{id}/learning-curve").has("get")).isTrue();
        assertThat(paths.get("/models/{id}/parameters").has("get")).isTrue();
        assertThat(paths.get("/models/{id}/predict").has("post")).isTrue();
        assertThat(paths.get("/models/{id}/cancel").has("post")).isTrue();
        assertThat(paths.get("/registry/{name}").has("get")).isTrue();
        assertThat(paths.get("/registry/{name}/aliases/{alias}").has("put")).isTrue();
        assertThat(paths.get("/registry/{name}/aliases/{alias}/predict").has("post")).isTrue();
        assertThat(paths.get("/registry/{name}/compare").has("get")).isTrue();
        assertThat(paths.get("/v2/models/{name}/infer").has("post")).isTrue();
        assertThat(paths.get("/v2/models/{name}/versions/{version}/infer").has("post")).isTrue();
        assertThat(paths.get("/v2/health/ready").has("get")).isTrue();
        assertThat(paths.get("/admin/keys").has("post")).isTrue();
        assertThat(api.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        JsonNode schemas = api.at("/components/schemas");
        assertThat(schemas.at("/TrainingRequest/properties").propertyNames()).contains("dataset", "architecture",
                "training");
        assertThat(schemas.at("/Layer/properties/activation/enum").toString()).contains("sigmoid", "leaky_relu",
                "softmax");
        assertThat(schemas.at("/ModelView/properties/status/enum").toString()).contains("QUEUED", "SUCCEEDED");
        JsonNode xor = paths.at("/~1models/post/requestBody/content/application~1json/examples/xor/value");
        assertThat(xor.at("/dataset/features").toString()).isEqualTo("[[0,0],[0,1],[1,0],[1,1]]");
        assertThat(xor.at("/training/epochs").asInt()).isEqualTo(5000);
    }

    @Test
    void swaggerUiShouldBeServed() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains("Swagger UI"));
    }

    @Test
    void healthShouldHaveLivenessAndReadinessGroups() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status")
                .isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
