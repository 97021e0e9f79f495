package io.backprop.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes a problem where filters answer, before any controller or exception handler is reached. */
@Component
public class ProblemResponses {

    private final JsonMapper json;
    private final RejectedRequests rejected;

    ProblemResponses(JsonMapper json, RejectedRequests rejected) {
        this.json = json;
        this.rejected = rejected;
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        rejected.count(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
