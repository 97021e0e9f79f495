package io.backprop.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class NumpyCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Numpy.available()) {
            return ConditionEvaluationResult.enabled("python3 imports NumPy");
        }
        String message = "python3 cannot import NumPy; install it with: apt-get install python3-numpy";
        if (Boolean.parseBoolean(System.getenv("BACKPROP_REQUIRE_NUMPY"))) {
            throw new IllegalStateException(message + " (BACKPROP_REQUIRE_NUMPY=true: these tests must run)");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
