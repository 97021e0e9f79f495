package io.backprop.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.backprop.system.FieldViolation;

/** A request that breaks the API's rules, with every violation found, answered as one 400 problem. */
public class InvalidRequestException extends ErrorResponseException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(HttpStatus.BAD_REQUEST, problem(violations), null);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Throws if there is anything to report. */
    public static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    /**
     * Throws if there is anything to report: the values the body held of the wrong kind, then what the checks
     * found, except about those same fields (a value read as absent is not reported again as missing).
     */
    public static void throwIfAny(List<FieldViolation> binding, List<FieldViolation> checks) {
        List<FieldViolation> all = new ArrayList<>(binding);
        for (FieldViolation violation : checks) {
            if (binding.stream().noneMatch(bad -> violation.field().equals(bad.field())
                    || violation.field().startsWith(bad.field() + ".") || violation.field().startsWith(bad.field() + "["))) {
                all.add(violation);
            }
        }
        throwIfAny(all);
    }

    private static ProblemDetail problem(List<FieldViolation> violations) {
        FieldViolation first = violations.get(0);
        String detail = violations.size() == 1 ? first.field() + ": " + first.message()
                : violations.size() + " fields are invalid, first " + first.field() + ": " + first.message();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", violations);
        return problem;
    }
}
