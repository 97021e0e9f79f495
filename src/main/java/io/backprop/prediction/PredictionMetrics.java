package io.backprop.prediction;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Predictions by model and outcome, with their latency: {@code backprop_predictions_seconds{model, outcome}}. The
 * first {@code backprop.metrics.max-model-labels} models predicted with get a label of their own, the rest share
 * {@code model="other"}, so that the series stay bounded however many models there are.
 */
@Component
class PredictionMetrics {

    private final MeterRegistry registry;
    private final int maxModelLabels;
    private final Set<String> labelled = ConcurrentHashMap.newKeySet();

    PredictionMetrics(MeterRegistry registry, @Value("${backprop.metrics.max-model-labels:20}") int maxModelLabels) {
        this.registry = registry;
        this.maxModelLabels = maxModelLabels;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** {@code outcome}: "ok", or the answer's status when it failed ("404", "400", "409", …). */
    void predicted(Timer.Sample sample, String modelId, String outcome) {
        sample.stop(Timer.builder("backprop.predictions").description("Prediction requests, by model and outcome")
                .tag("model", label(modelId)).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry));
    }

    private String label(String modelId) {
        if (labelled.contains(modelId) || labelled.size() < maxModelLabels && labelled.add(modelId)) {
            return modelId;
        }
        return "other";
    }
}
