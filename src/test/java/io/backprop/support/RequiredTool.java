package io.backprop.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs tests that need something outside the JVM only when it is there, and otherwise skips them with how to get
 * it; unless {@code requiredBy} (an environment variable CI sets) is true, which makes its absence a failure.
 */
abstract class RequiredTool implements ExecutionCondition {

    private final String requiredBy;

    RequiredTool(String requiredBy) {
        this.requiredBy = requiredBy;
    }

    /** Null when the tool is there, else what is missing and how to install it. */
    abstract String missing();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String message = missing();
        if (message == null) {
            return ConditionEvaluationResult.enabled("what these tests need is there");
        }
        if (Boolean.parseBoolean(System.getenv(requiredBy))) {
            throw new IllegalStateException(message + " (" + requiredBy + "=true: these tests must run)");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
