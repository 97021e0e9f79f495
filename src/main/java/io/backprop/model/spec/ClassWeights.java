package io.backprop.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.backprop.network.Regularisation;

/**
 * How much each class's rows count in a classifier's loss: {@code "balanced"} (n / (k·n_c) for k classes, n_c
 * of the n training rows in class c, as scikit-learn's) or a weight per class label, 1 for a class not named.
 */
public record ClassWeights(boolean balanced, Map<String, Object> weights) {

    static final String BALANCED = "balanced";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ClassWeights of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> weights = new LinkedHashMap<>();
            map.forEach((label, weight) -> weights.put(String.valueOf(label), weight));
            return new ClassWeights(false, weights);
        }
        // anything but the word balanced is reported by the checks
        return new ClassWeights(BALANCED.equals(value), null);
    }

    @JsonValue
    Object json() {
        return balanced ? BALANCED : weights;
    }

    void check(Checks checks) {
        if (balanced) {
            return;
        }
        if (weights == null) {
            checks.add("training.classWeights", "not \"balanced\"", "must be \"balanced\" or an object of class → "
                    + "weight");
            return;
        }
        if (weights.isEmpty()) {
            checks.add("training.classWeights", "{}", "must be \"balanced\" or name at least one class");
        }
        weights.forEach((label, weight) -> {
            if (!(weight instanceof Number number) || !Regularisation.CLASS_WEIGHT.holds(number.doubleValue())) {
                checks.add("training.classWeights." + label, weight, "must be "
                        + Regularisation.CLASS_WEIGHT.description());
            }
        });
    }

    /** Labels named here that are none of {@code classes} (compared as text, as predictions show them). */
    List<String> unknown(List<Object> classes) {
        List<String> known = classes.stream().map(String::valueOf).toList();
        return weights == null ? List.of() : weights.keySet().stream().filter(l -> !known.contains(l)).toList();
    }

    /**
     * One weight per class, in the classes' order: from the training rows' class indexes {@code trainingClasses}
     * when balanced (a class without training rows weighs 1).
     */
    public double[] resolve(List<Object> classes, int[] trainingClasses) {
        double[] resolved = new double[classes.size()];
        int[] counts = new int[classes.size()];
        for (int c : trainingClasses) {
            counts[c]++;
        }
        for (int c = 0; c < resolved.length; c++) {
            if (balanced) {
                resolved[c] = counts[c] == 0 ? 1 : (double) trainingClasses.length / (classes.size() * counts[c]);
            }
            else {
                Object weight = weights.get(String.valueOf(classes.get(c)));
                resolved[c] = weight == null ? 1 : ((Number) weight).doubleValue();
            }
        }
        return resolved;
    }
}
