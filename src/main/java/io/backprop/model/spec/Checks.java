package io.backprop.model.spec;

import java.util.ArrayList;
import java.util.List;

import io.backprop.network.Bound;
import io.backprop.system.FieldViolation;
import io.backprop.system.RequestLimits;

/**
 * Collects what is wrong with a request, field by field, so that every violation is reported at once; carries
 * the server's limits, which bound what a request may ask for beyond the engine's own rules.
 */
public final class Checks {

    private final RequestLimits limits;
    private final long maxSeconds;
    private final List<FieldViolation> violations = new ArrayList<>();

    /** {@code maxSeconds}: the longest a job may train on this server. */
    public Checks(RequestLimits limits, long maxSeconds) {
        this.limits = limits;
        this.maxSeconds = maxSeconds;
    }

    public RequestLimits limits() {
        return limits;
    }

    long maxSeconds() {
        return maxSeconds;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public void add(String field, Object value, String message) {
        violations.add(FieldViolation.of(field, value, message));
    }

    /** Reports {@code value} unless it is absent or follows {@code bound}. */
    void bound(String field, Number value, Bound bound) {
        if (value != null && !bound.holds(value.doubleValue())) {
            add(field, value, "must be " + bound.description());
        }
    }

    /** Reports {@code value} unless it is absent or between {@code min} and {@code max}. */
    void range(String field, Integer value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            add(field, value, "must be between " + min + " and " + max);
        }
    }

    /** Reports a parameter given for another optimizer than the chosen one, or one that breaks its rule. */
    void optimizerParameter(String field, Object value, OptimizerName chosen, OptimizerName owner, Bound bound) {
        if (value != null && chosen != owner) {
            add(field, value, "applies to the " + owner + " optimizer only");
        }
        else if (bound != null) {
            bound(field, (Number) value, bound);
        }
    }
}
