package io.backprop.model;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No model has this id (404). */
class ModelNotFoundException extends ErrorResponseException {

    ModelNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Unable to find model " + id);
        problem.setType(URI.create("/problems/model-not-found"));
        problem.setTitle("Model not found");
        return problem;
    }
}
