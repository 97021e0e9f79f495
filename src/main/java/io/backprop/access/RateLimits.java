package io.backprop.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.backprop.web.Problems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-key rate limits on the endpoints marked {@link RateLimited}: a token bucket per key and kind (Bucket4j),
 * full at first, refilled evenly over the period. Every answer says where the key stands ({@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} in seconds until the bucket is full, and
 * {@code RateLimit-Policy}); past the limit, 429 with {@code Retry-After}. Buckets live in each replica's memory,
 * so behind a balancer over n replicas a key gets up to n times the rate. Admins are not limited.
 */
@Component
class RateLimits implements HandlerInterceptor {

    /** Buckets of keys unused this long are dropped (a new one starts full, as the old one would be by then). */
    private static final Duration IDLE = Duration.ofHours(1);

    private final Map<RateLimited.Kind, Limit> limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(IDLE)
            .maximumSize(100_000).build();

    private record Limit(int requests, Duration per, String property) {
    }

    RateLimits(AccessProperties properties) {
        AccessProperties.RateLimits rates = properties.rateLimits();
        this.limits = Map.of(
                RateLimited.Kind.PREDICTIONS, new Limit(rates.predictions(), rates.predictionsPeriod(),
                        "backprop.security.rate-limits.predictions"),
                RateLimited.Kind.TRAINING, new Limit(rates.training(), rates.trainingPeriod(),
                        "backprop.security.rate-limits.training"));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(RateLimited.class)) {
            return true;
        }
        Caller caller = Caller.current().filter(Caller::limited).orElse(null);
        if (caller == null) {
            return true;
        }
        RateLimited.Kind kind = method.getMethodAnnotation(RateLimited.class).value();
        Limit limit = limits.get(kind);
        Bucket bucket = buckets.get(kind + " " + caller.keyId(), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.per())
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        response.setHeader("RateLimit-Limit", String.valueOf(limit.requests()));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
        response.setHeader("RateLimit-Policy", limit.requests() + ";w=" + limit.per().toSeconds());
        if (!probe.isConsumed()) {
            long retryAfter = seconds(probe.getNanosToWaitForRefill());
            ErrorResponseException refused = Problems.exception(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Rate limit reached", "This key may send " + limit.requests() + " such requests per "
                            + limit.per().toSeconds() + " s (" + limit.property() + "); try again in " + retryAfter
                            + " s.");
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
            throw refused;
        }
        return true;
    }

    /** Whole seconds, rounded up: a client that waits that long is sure to find a token. */
    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
