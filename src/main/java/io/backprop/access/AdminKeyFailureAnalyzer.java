package io.backprop.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in plain words, instead of a stack trace, why the service would not start and what to set. */
class AdminKeyFailureAnalyzer extends AbstractFailureAnalyzer<AdminKeyMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, AdminKeyMissingException cause) {
        return new FailureAnalysis(cause.getMessage(), AdminKeyMissingException.ACTION, cause);
    }
}
