package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import io.backprop.support.ServiceTest;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile or careless client meets at the edges of HTTP: malformed addresses, odd methods, the error
 * page itself, cross-site form posts, a forged Host. Every answer is problem+json; nothing changes state.
 */
@ServiceTest
class HttpEdgeTests extends HttpApiTests {

    @ParameterizedTest
    @ValueSource(strings = {"/models/a%2Fb", "/models/%00", "/models/%zz", "/models/%C0%AF/predict", "/%"})
    void malformedPathsShouldGetAProblemNotAnHtmlPage(String path) throws IOException {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContain("<html");
        assertThat(problem(answer).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void traceAndUnmappedMethodsShouldGetAProblem() throws IOException {
        String trace = raw("TRACE /models HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String postRoot = raw("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(trace).startsWith("HTTP/1.1 405").containsIgnoringCase("application/problem+json");
        assertThat(postRoot).startsWith("HTTP/1.1 405").containsIgnoringCase("application/problem+json");
        assertThat(problem(postRoot).get("title").asString()).isEqualTo("Method Not Allowed");
    }

    @Test
    void errorPageAskedForDirectlyShouldBeNotFound() {
        api.http().get().uri("/error").exchange().expectStatus().isNotFound().expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void crossSiteFormPostShouldNotCancelAModel() throws IOException {
        String id = api.train(ApiClient.LONG);

        String foreign = raw("POST /models/" + id + "/cancel HTTP/1.1\r\nHost: localhost\r\n"
                + "Origin: http://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\na=b");
        String bodyless = raw("POST /models/" + id + "/stop HTTP/1.1\r\nHost: localhost\r\n"
                + "Origin: http://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        String form = raw("POST /models/" + id + "/cancel HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");
        String multipart = raw("POST /models HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");

        assertThat(foreign).startsWith("HTTP/1.1 403");
        assertThat(problem(foreign).get("type").asString()).isEqualTo("/problems/cross-site-request");
        assertThat(bodyless).startsWith("HTTP/1.1 403");
        assertThat(form).startsWith("HTTP/1.1 415");
        assertThat(multipart).startsWith("HTTP/1.1 415");
        assertThat(api.get("/models/" + id).get("status").asString()).isIn("QUEUED", "RUNNING");
        String sameSite = raw("POST /models/" + id + "/cancel HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Origin: http://localhost:" + port + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(sameSite).startsWith("HTTP/1.1 200");
    }

    @Test
    void locationShouldNotEchoTheHostHeader() throws IOException {
        String body = "{\"dataset\": {\"features\": [[0]], \"targets\": [[0]]}, "
                + "\"architecture\": {\"layers\": [{\"units\": 1}]}, \"training\": {\"epochs\": 1}}";
        String answer = raw("POST /models HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 201").doesNotContain("evil.example")
                .containsPattern("(?i)Location: /models/[0-9a-f-]{36}\r\n");
    }

    @Test
    void pagesShouldCarryProtectiveHeaders() {
        api.http().get().uri("/").exchange().expectStatus().isOk().expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff").expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-eval"));
    }

    /** Sends bytes as they are (HTTP clients would refuse to send, or would repair, these requests). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode problem(String response) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (response.toLowerCase().contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
        }
        return ApiClient.json(body);
    }
}
