package io.backprop.inference;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.backprop.web.InvalidRequestException;

/** Errors on the protocol's paths in the protocol's form: {@code {"error": "…"}} with the 4xx status. */
@RestControllerAdvice(assignableTypes = InferenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InferenceErrors {

    /** Ours (not found, invalid, rate limited, …) and Spring MVC's (wrong method, media type, …) alike. */
    @ExceptionHandler({ErrorResponseException.class, HttpRequestMethodNotSupportedException.class,
        HttpMediaTypeException.class, ServletRequestBindingException.class})
    ResponseEntity<Map<String, String>> refused(Exception exception) {
        ErrorResponse error = (ErrorResponse) exception;
        String message = error.getBody().getDetail();
        if (error instanceof InvalidRequestException invalid) {
            message = invalid.violations().stream()
                    .map(v -> v.field() + " = " + v.value() + ": " + v.message()).collect(Collectors.joining("; "));
        }
        return answer(error.getStatusCode(), message != null ? message : error.getBody().getTitle());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException error) {
        return answer(HttpStatusCode.valueOf(400), "The body is not a JSON inference request.");
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).headers(headers -> headers.setContentType(MediaType.APPLICATION_JSON))
                .body(Map.of("error", message));
    }
}
