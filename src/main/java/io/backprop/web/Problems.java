package io.backprop.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Every problem+json answer the service builds itself: a stable {@code type} per kind of problem (a path under
 * /problems/), a title, and a detail for the person reading it.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem of our own kind, e.g. {@code of(CONFLICT, "model-state", "Model not in the right state", …)}. */
    public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + kind));
        problem.setTitle(title);
        return problem;
    }

    /** The same problem, ready to be thrown. */
    public static ErrorResponseException exception(HttpStatusCode status, String kind, String title,
            String detail) {
        return new ErrorResponseException(status, of(status, kind, title, detail), null);
    }

    /** A plain HTTP error (no kind of ours): its reason phrase as the title. */
    public static ProblemDetail forStatus(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setTitle(known != null ? known.getReasonPhrase() : "HTTP " + status);
        return problem;
    }
}
