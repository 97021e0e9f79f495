package io.backprop.model;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/** The model exists but is not in a state that allows the request, e.g. predicting before training ended (409). */
public class ModelStateException extends ErrorResponseException {

    public ModelStateException(String id, ModelStatus status, String needed) {
        super(HttpStatus.CONFLICT, problem(id, status, needed), null);
    }

    private static ProblemDetail problem(String id, ModelStatus status, String needed) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "model-state", "Model not in the right state",
                "Model " + id + " is " + status + "; " + needed);
        problem.setProperty("modelStatus", status);
        return problem;
    }
}
