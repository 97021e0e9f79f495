package io.backprop.dataset;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No data set has this id (404). */
class DatasetNotFoundException extends ErrorResponseException {

    DatasetNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Unable to find data set " + id);
        problem.setType(URI.create("/problems/dataset-not-found"));
        problem.setTitle("Data set not found");
        return problem;
    }
}
