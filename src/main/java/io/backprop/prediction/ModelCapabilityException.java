package io.backprop.prediction;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The model cannot answer this kind of request, e.g. a decision boundary for three inputs (409). */
class ModelCapabilityException extends ErrorResponseException {

    ModelCapabilityException(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create("/problems/not-supported-by-model"));
        problem.setTitle("Not supported by this model");
        return problem;
    }
}
