package io.backprop.web;

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
        return Problems.of(HttpStatus.NOT_FOUND, what.replace(" ", "") + "-not-found",
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found",
                "Unable to find " + what + " " + FieldViolation.describe(id));
    }
}
