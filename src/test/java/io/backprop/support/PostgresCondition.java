package io.backprop.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestPostgres.reachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + TestPostgres.URL);
        }
        String message = "PostgreSQL does not answer at " + TestPostgres.URL + "; start it with: pg_ctlcluster "
                + "--skip-systemctl-redirect $(ls /etc/postgresql) main start";
        if (Boolean.parseBoolean(System.getenv("BACKPROP_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException(message + " (BACKPROP_REQUIRE_POSTGRES=true: these tests must run)");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
