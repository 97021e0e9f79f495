package io.backprop.web;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the requests answered with a problem, by its kind (the last part of its {@code type}: a fixed set, so
 * a low-cardinality label) and status: {@code backprop_requests_rejected_total{reason="rate-limited",status="429"}}.
 */
@Component
public class RejectedRequests {

    private final MeterRegistry registry;

    RejectedRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(ProblemDetail problem) {
        // Spring's own problems (415, 405, …) have no type
        String type = problem.getType() == null ? null : problem.getType().getPath();
        String reason = type != null && type.startsWith("/problems/") ? type.substring("/problems/".length())
                : "http";
        Counter.builder("backprop.requests.rejected").description("Requests answered with a problem, by kind")
                .tag("reason", reason).tag("status", String.valueOf(problem.getStatus())).register(registry)
                .increment();
    }
}
