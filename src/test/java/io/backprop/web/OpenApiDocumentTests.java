package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build generates its Java client (openapi-generator, test sources) from {@code openapi/backprop.json}; this
 * holds that file to the document the service serves, so that the client tested is the one users generate.
 */
@ServiceTest
class OpenApiDocumentTests extends HttpApiTests {

    static final Path COMMITTED = Path.of("src/test/resources/openapi/backprop.json");

    @Test
    void theDocumentClientsAreGeneratedFromIsTheOneServed() throws IOException {
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        String live = json.writeValueAsString(json.readTree(api.http().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())) + "\n";
        if (Boolean.getBoolean("backprop.openapi.write")) {
            Files.writeString(COMMITTED, live);
        }
        assertThat(live).as("the served document differs from %s: after changing the API, write it anew with "
                + "./mvnw test -Dtest=OpenApiDocumentTests -Dbackprop.openapi.write=true", COMMITTED)
                .isEqualTo(Files.readString(COMMITTED));
    }
}
