package io.backprop.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import io.backprop.system.FieldViolation;

/**
 * Refuses state-changing requests a web page on another site could make a browser send: those from a foreign
 * {@code Origin} (browsers send it with every cross-site POST, also bodyless ones), and those with the content
 * types a form or a "simple" fetch may use without asking first (form posts, multipart, plain text). Every
 * endpoint takes JSON, or CSV where documented, so no real client is turned away.
 */
public class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<MediaType> FORM_TYPES = List.of(MediaType.APPLICATION_FORM_URLENCODED,
            MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN);

    private final Set<String> allowedOrigins;
    private final ProblemResponses problems;

    public CrossSiteGuard(List<String> allowedOrigins, ProblemResponses problems) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(CrossSiteGuard::normalise).toList());
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !normalise(origin).equals(ownOrigin(request)) && !allowedOrigins.contains(normalise(origin))) {
            refuse(response, Problems.of(HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                    "A page from " + FieldViolation.describe(origin) + " may not change anything here; add the "
                            + "origin to backprop.web.allowed-origins to allow it."));
            return;
        }
        if (formType(request.getContentType())) {
            refuse(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "Content-Type " + FieldViolation.describe(request.getContentType())
                            + " is not accepted here; send application/json (or text/csv to /datasets)."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean formType(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return FORM_TYPES.stream().anyMatch(form -> form.equalsTypeAndSubtype(type));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The origin the request was addressed to, as a browser on this site would name it. */
    private static String ownOrigin(HttpServletRequest request) {
        return normalise(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }

    /** scheme://host:port in lower case with the port always given, so that equal origins compare equal. */
    private static String normalise(String origin) {
        try {
            var uri = UriComponentsBuilder.fromUriString(origin).build();
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
        }
        catch (IllegalArgumentException e) {
            return origin;
        }
    }

    private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
        problems.write(response, problem);
    }
}
