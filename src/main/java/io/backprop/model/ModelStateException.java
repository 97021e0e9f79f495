package io.backprop.model;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The model exists but is not in a state that allows the request, e.g. predicting before training ended (409). */
public class ModelStateException extends ErrorResponseException {

    public ModelStateException(String id, ModelStatus status, String needed) {
        super(HttpStatus.CONFLICT, problem(id, status, needed), null);
    }

    private static ProblemDetail problem(String id, ModelStatus status, String needed) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Model " + id + " is " + status + "; " + needed);
        problem.setType(URI.create("/problems/model-state"));
        problem.setTitle("Model not in the right state");
        problem.setProperty("modelStatus", status);
        return problem;
    }
}
