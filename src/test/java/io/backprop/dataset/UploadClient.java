package io.backprop.dataset;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.backprop.support.ApiClient;
import tools.jackson.databind.JsonNode;

/** Data-set files posted as they are: any media type, optionally gzip-encoded; the answer's status and body. */
final class UploadClient {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    record Answer(int status, JsonNode body) {
    }

    private final RestTestClient http;

    UploadClient(RestTestClient http) {
        this.http = http;
    }

    Answer post(String path, MediaType type, String encoding, byte[] body) {
        var request = http.post().uri(path).contentType(type);
        if (encoding != null) {
            request = request.header(HttpHeaders.CONTENT_ENCODING, encoding);
        }
        var result = request.body(body).exchange().expectBody(String.class).returnResult();
        String text = result.getResponseBody();
        return new Answer(result.getStatus().value(), text == null || text.isEmpty() ? null : ApiClient.json(text));
    }

    /**
     * Posts a file the service refuses before reading it all: a client still sending may lose the answer when
     * the server closes the connection after it, so an I/O error is tried again, up to three times.
     */
    Answer refused(String path, MediaType type, String encoding, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return post(path, type, encoding, body);
            }
            catch (org.springframework.web.client.ResourceAccessException lostAnswer) {
                if (attempt == 3) {
                    throw lostAnswer;
                }
            }
        }
    }

    /** Uploads and expects it stored: the data set's view. */
    JsonNode stored(String path, MediaType type, String encoding, byte[] body) {
        Answer answer = post(path, type, encoding, body);
        if (answer.status() != 201) {
            throw new AssertionError("expected 201, got " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    JsonNode csv(String path, String csv) {
        return stored(path, CSV, null, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
