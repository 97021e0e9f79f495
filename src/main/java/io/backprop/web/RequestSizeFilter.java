package io.backprop.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.backprop.system.RequestLimits;

/**
 * Bounds request bodies, whether or not they declare their length: reading past the limit fails with a 413
 * problem, so a body is never buffered beyond it.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeFilter(RequestLimits limits) {
        this.maxBytes = limits.maxRequestSize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    /** A body past the limit; a JSON reader that meets it mid-way wraps it, so the handler looks for it. */
    static final class BodyTooLargeException extends ErrorResponseException {

        BodyTooLargeException(long maxBytes) {
            super(HttpStatus.CONTENT_TOO_LARGE, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "Request too large", "The request body is larger than the limit of " + maxBytes + " bytes."),
                    null);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

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
                    throw tooLarge();
                }
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        private BodyTooLargeException tooLarge() {
            return new BodyTooLargeException(maxBytes);
        }

        private final class LimitedStream extends ServletInputStream {

            private final ServletInputStream in;
            private final long limit;
            private long read;

            LimitedStream(ServletInputStream in, long limit) {
                this.in = in;
                this.limit = limit;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw tooLarge();
                }
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
}
