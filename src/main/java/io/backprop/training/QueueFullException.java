package io.backprop.training;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/** Every training thread is busy and the queue holds as many jobs as it may: try again later (429). */
public class QueueFullException extends ErrorResponseException {

    QueueFullException(int waiting, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(waiting), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** No stack trace: a refusal, not a fault, and a full queue may refuse thousands a second. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static ProblemDetail problem(int waiting) {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "queue-full", "Training queue full",
                "The training queue is full (" + waiting + " jobs waiting); try again later.");
    }
}
