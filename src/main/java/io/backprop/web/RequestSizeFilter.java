package io.backprop.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.backprop.system.BoundedInputStream;
import io.backprop.system.Bytes;
import io.backprop.system.MinimumRateInputStream;
import io.backprop.system.RequestLimits;

/**
 * Bounds request bodies, whether or not they declare their length: reading past the limit fails with a 413
 * problem, so a body is never buffered beyond it. Data-set files ({@code POST /datasets} with any body but
 * JSON) are streamed into the store as they arrive and have a limit of their own; every other body has the
 * JSON limit. A body that arrives slower than the minimum rate fails with a 408 problem: trickled in, it would
 * hold a request thread (and an upload its place and its database transaction) for as long as its client likes.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxUploadBytes;
    private final long minBytesPerSecond;
    private final Duration rateWindow;

    RequestSizeFilter(RequestLimits limits) {
        this.maxBytes = limits.maxRequestSize().toBytes();
        this.maxUploadBytes = limits.maxUploadSize().toBytes();
        this.minBytesPerSecond = limits.minBodyRate().toBytes();
        this.rateWindow = limits.bodyRateWindow();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new LimitedRequest(request, isUpload(request) ? maxUploadBytes : maxBytes), response);
    }

    private static boolean isUpload(HttpServletRequest request) {
        String type = request.getContentType();
        try {
            return "POST".equals(request.getMethod()) && "/datasets".equals(request.getRequestURI()) && type != null
                    && !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** A body past the limit; a JSON reader that meets it mid-way wraps it, so the handler looks for it. */
    static final class BodyTooLargeException extends ErrorResponseException {

        BodyTooLargeException(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "Request too large", "The request body is larger than the limit of " + maxBytes + " bytes."),
                    null);
        }
    }

    /** A body that came too slowly. */
    static final class BodyTooSlowException extends ErrorResponseException {

        BodyTooSlowException(long minBytesPerSecond, Duration window) {
            super(HttpStatus.REQUEST_TIMEOUT, Problems.of(HttpStatus.REQUEST_TIMEOUT, "request-too-slow",
                    "Request too slow", "Fewer than " + Bytes.describe(minBytesPerSecond) + " a second of the body "
                            + "arrived over " + window.toMillis() + " ms of waiting for it ("
                            + RequestLimits.MIN_BODY_RATE + "); nothing was stored."), null);
        }
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                if (getContentLengthLong() > maxBytes) {
                    throw new BodyTooLargeException(maxBytes);
                }
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    /** The servlet's stream, read through a {@link MinimumRateInputStream} and a {@link BoundedInputStream}. */
    private final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final BoundedInputStream bounded;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.bounded = new BoundedInputStream(new MinimumRateInputStream(in, minBytesPerSecond,
                    rateWindow.toNanos(), () -> new BodyTooSlowException(minBytesPerSecond, rateWindow)), limit,
                    () -> new BodyTooLargeException(limit));
        }

        @Override
        public int read() throws IOException {
            return bounded.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return bounded.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
