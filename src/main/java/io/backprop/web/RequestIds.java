package io.backprop.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a plain token, else a new one), sends
 * it back in the same header, and puts it, with the model id of {@code /models/{id}…} paths, into every line
 * logged while the request is served ({@code requestId}, {@code modelId}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MODEL_PATH = Pattern.compile("^/models/([0-9a-f-]{36})(/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, id);
        MDC.put("requestId", id);
        Matcher model = MODEL_PATH.matcher(request.getRequestURI());
        if (model.matches()) {
            MDC.put("modelId", model.group(1));
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove("requestId");
            MDC.remove("modelId");
        }
    }
}
