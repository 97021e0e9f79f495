package io.backprop.support;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class BrowserCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(HeadlessChromium.BROWSER) && Files.isExecutable(HeadlessChromium.DRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
        }
        String message = "Chromium or ChromeDriver is missing (" + HeadlessChromium.BROWSER + ", "
                + HeadlessChromium.DRIVER + "); install them with: apt-get install chromium chromium-driver";
        if (Boolean.parseBoolean(System.getenv("BACKPROP_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(message + " (BACKPROP_REQUIRE_BROWSER=true: these tests must run)");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + message);
    }
}
