package io.backprop.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Cross-validation's result: each fold's validation metrics, and per metric their mean and standard deviation
 * over the folds (population, ddof = 0, as NumPy's and scikit-learn's reports give it).
 */
@Schema(description = "Each fold's validation metrics; mean and std (population, as numpy.std) per metric over the "
        + "folds")
public record CrossValidationReport(List<Evaluation> folds, Map<String, Double> mean, Map<String, Double> std) {

    private static final Map<String, Function<Evaluation, Double>> METRICS = metrics();

    public static CrossValidationReport of(List<Evaluation> folds) {
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> std = new LinkedHashMap<>();
        METRICS.forEach((name, metric) -> {
            List<Double> values = folds.stream().map(metric).toList();
            if (values.stream().allMatch(v -> v != null)) {
                double average = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double variance = values.stream().mapToDouble(v -> (v - average) * (v - average)).average()
                        .orElseThrow();
                mean.put(name, average);
                std.put(name, Math.sqrt(variance));
            }
        });
        return new CrossValidationReport(List.copyOf(folds), mean, std);
    }

    private static Map<String, Function<Evaluation, Double>> metrics() {
        Map<String, Function<Evaluation, Double>> metrics = new LinkedHashMap<>();
        metrics.put("cost", Evaluation::cost);
        metrics.put("accuracy", Evaluation::accuracy);
        metrics.put("rmse", Evaluation::rmse);
        metrics.put("mae", Evaluation::mae);
        metrics.put("r2", Evaluation::r2);
        return metrics;
    }
}
