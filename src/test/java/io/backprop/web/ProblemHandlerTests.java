package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What is unexpected is logged once with its stack trace; a client that went away is not. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTests {

    private final ProblemHandler handler = new ProblemHandler(new RejectedRequests(new SimpleMeterRegistry()));
    private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/datasets"),
            new MockHttpServletResponse());

    @Test
    void aClientThatStoppedSendingShouldBeNeitherAnsweredNorLoggedAsAnError(CapturedOutput output) {
        var answer = handler.handleUnexpected(new UncheckedIOException(new ClientAbortException(
                new SocketTimeoutException())), request);

        assertThat(answer).isNull();
        assertThat(output).doesNotContain("Unexpected error");
    }

    @Test
    void anythingElseShouldBeA500LoggedWithItsStackTrace(CapturedOutput output) {
        var answer = handler.handleUnexpected(new IllegalStateException("broken"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(output).contains("Unexpected error answering uri=/datasets", "IllegalStateException: broken");
    }
}
