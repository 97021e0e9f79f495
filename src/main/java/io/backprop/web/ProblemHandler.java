package io.backprop.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

import io.backprop.system.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every error into an {@code application/problem+json} answer. Spring's own exceptions and our
 * {@link org.springframework.web.ErrorResponseException}s already carry their problem; this adds field-level
 * detail to unreadable bodies and hides anything unexpected behind a plain 500 (logged here, never shown).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final RejectedRequests rejected;

    ProblemHandler(RejectedRequests rejected) {
        this.rejected = rejected;
    }

    /** Every answer of this handler passes here: the problem is counted by its kind. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            rejected.count(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            // the body too large or too slow (RequestSizeFilter), met by the JSON reader
            if (cause instanceof ErrorResponseException refused) {
                return handleExceptionInternal(refused, refused.getBody(), headers, refused.getStatusCode(), request);
            }
        }
        ProblemDetail problem;
        if (ex.getCause() instanceof StreamReadException syntax) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON: " + withoutSourceReference(syntax.getOriginalMessage()) + " (line "
                            + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr() + ")");
        }
        else if (ex.getCause() instanceof JacksonException mapping && !mapping.getPath().isEmpty()) {
            problem = new InvalidRequestException(List.of(JsonBinding.violation(mapping))).getBody();
        }
        else {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Unreadable body",
                    "The request body is missing or could not be read as JSON.");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A query parameter or path variable that cannot be converted, such as an unknown status. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Class<?> type = ex.getRequiredType();
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        ProblemDetail problem = new InvalidRequestException(List.of(FieldViolation.of(field, ex.getValue(),
                JsonBinding.expectation(type)))).getBody();
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A required query parameter left out, such as an export's format: named like any other invalid field. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = new InvalidRequestException(List.of(FieldViolation.of(ex.getParameterName(), null,
                "is required"))).getBody();
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Constraints on query parameters, such as the largest page size. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> FieldViolation.of(
                        result.getMethodParameter().getParameterName(), result.getArgument(),
                        error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = new InvalidRequestException(violations).getBody();
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // the client went away, or stopped sending its body (the container has answered 408): no one to tell
            log.debug("Client gone while answering {}: {}", request.getDescription(false), ex.toString());
            return null;
        }
        log.error("Unexpected error answering {}", request.getDescription(false), ex);
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted()) {
            // a stream's 200 is on its way and no problem can follow it, and Spring would end the answer as if it
            // were whole: the container cuts the connection for an error after the commit, so no client takes what
            // arrived for the whole answer
            throw ex instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(ex);
        }
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; the error has been logged.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Jackson names the (redacted) source in some messages; clients know which body they sent. */
    private static String withoutSourceReference(String message) {
        int source = message.indexOf(" (start marker at [Source");
        return source < 0 ? message : message.substring(0, source);
    }
}
