package io.backprop.dataset;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A CSV upload that cannot become a data set: a 400 problem naming the line and column of each problem. */
class InvalidCsvException extends ErrorResponseException {

    InvalidCsvException(CsvFormatException cause) {
        super(HttpStatus.BAD_REQUEST, problem(cause), cause);
    }

    private static ProblemDetail problem(CsvFormatException cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, cause.getMessage());
        problem.setType(URI.create("/problems/invalid-csv"));
        problem.setTitle("Invalid CSV");
        problem.setProperty("errors", cause.problems());
        return problem;
    }
}
