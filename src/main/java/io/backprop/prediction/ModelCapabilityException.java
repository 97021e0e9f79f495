package io.backprop.prediction;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/** The model cannot answer this kind of request, e.g. a decision boundary for three inputs (409). */
class ModelCapabilityException extends ErrorResponseException {

    ModelCapabilityException(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        return Problems.of(HttpStatus.CONFLICT, "not-supported-by-model", "Not supported by this model", detail);
    }
}
