package io.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import io.backprop.BackpropApplication;
import io.backprop.support.ApiClient;
import tools.jackson.databind.JsonNode;

/** One property makes every log line JSON, with the request id and the model id in the lines that concern them. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogTests {

    @Test
    void jsonLinesCarryTheRequestAndModelIds(CapturedOutput output) {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(BackpropApplication.class).run(
                "--server.port=0", "--logging.structured.format.console=ecs",
                "--logging.config=classpath:logback-structured-test.xml",
                "--spring.datasource.url=jdbc:h2:mem:structured;DB_CLOSE_DELAY=-1")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) service).getWebServer().getPort());
            String id = ApiClient.json(api.http().post().uri("/models").header("X-Request-Id", "req-42")
                    .contentType(MediaType.APPLICATION_JSON).body(ApiClient.xor(10)).exchange().expectStatus()
                    .isCreated().expectHeader().valueEquals("X-Request-Id", "req-42").expectBody(String.class)
                    .returnResult().getResponseBody()).get("id").asString();
            api.awaitSucceeded(id);

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("ended: succeeded"));
            List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{"))
                    .map(ApiClient::json).toList();
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("message").asString()).startsWith("Accepted model " + id);
                assertThat(line.get("requestId").asString()).isEqualTo("req-42");
                assertThat(line.get("modelId").asString()).isEqualTo(id);
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("message").asString()).contains("ended: succeeded");
                assertThat(line.get("modelId").asString()).isEqualTo(id);
                assertThat(line.get("job").asString()).isEqualTo("training:" + id);
            });
        }
    }
}
