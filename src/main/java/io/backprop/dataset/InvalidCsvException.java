package io.backprop.dataset;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.web.Problems;

/** A CSV upload that cannot become a data set: a 400 problem naming the line and column of each problem. */
class InvalidCsvException extends ErrorResponseException {

    InvalidCsvException(CsvFormatException cause) {
        super(HttpStatus.BAD_REQUEST, problem(cause), cause);
    }

    private static ProblemDetail problem(CsvFormatException cause) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-csv", "Invalid CSV", cause.getMessage());
        problem.setProperty("errors", cause.problems());
        return problem;
    }
}
