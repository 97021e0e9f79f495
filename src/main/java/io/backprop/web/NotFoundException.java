package io.backprop.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.system.FieldViolation;

/** Nothing of a kind has the id asked for (404): "Unable to find model 42", of type /problems/model-not-found. */
public class NotFoundException extends ErrorResponseException {

    /** {@code what}: the kind in words, such as "model" or "data set". */
    public NotFoundException(String what, String id) {
        super(HttpStatus.NOT_FOUND, problem(what, id), null);
    }

    private static ProblemDetail problem(String what, String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Unable to find " + what + " " + FieldViolation.describe(id));
        problem.setType(URI.create("/problems/" + what.replace(" ", "") + "-not-found"));
        problem.setTitle(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found");
        return problem;
    }
}
