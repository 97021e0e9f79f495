package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A stream that fails after its answer has begun (a stored data set's predictions when the database goes away) can
 * no longer become a problem. It is cut off, so that no client takes what arrived for the whole answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:broken-stream;DB_CLOSE_DELAY=-1")
@Import(BrokenStreamTests.FailingStream.class)
class BrokenStreamTests {

    @LocalServerPort
    int port;

    @RestController
    static class FailingStream {

        @GetMapping("/test/failing-stream")
        StreamingResponseBody stream() {
            return out -> {
                out.write(new byte[64 * 1024]); // past the container's buffer: the 200 is on its way
                out.flush();
                throw new IllegalStateException("the store went away");
            };
        }
    }

    @Test
    void aStreamThatFailsAfterItsAnswerBeganShouldBeCutOffNotEndedAsAWholeAnswer() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/failing-stream"))
                .build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }
}
