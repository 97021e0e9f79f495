package io.backprop.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The servlet container's error page, for errors that never reach a controller (TRACE, a filter's failure):
 * the same problem+json as every other error, in place of Spring Boot's own JSON.
 * Asked for directly, there is nothing here.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : HttpStatus.NOT_FOUND.value();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable throwable) {
            log.error("Unexpected error answering {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    throwable);
        }
        ProblemDetail problem = Problems.forStatus(status, status >= 500
                ? "Something went wrong on our side; the error has been logged." : detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take this method; see the Allow header.";
            default -> "The request could not be answered (HTTP " + status + ").";
        };
    }
}
