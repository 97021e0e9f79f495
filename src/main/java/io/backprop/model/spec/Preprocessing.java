package io.backprop.model.spec;

import java.util.List;

import io.backprop.preprocessing.Scaling;
import io.swagger.v3.oas.annotations.media.Schema;

/** How raw rows are to be turned into the network's inputs and targets: the request's choice. */
@Schema(description = "Feature crosses are computed first, then scaling; statistics come from the training rows")
public record Preprocessing(
        @Schema(description = "none (default), max (divide by the largest absolute value), minmax or standard")
        Scaling featureScaling,
        @Schema(description = "Regression only: the same choices; predictions come back in the original units")
        Scaling targetScaling,
        @Schema(description = "Products of named features appended as new inputs; [\"x1\",\"x1\"] is x1²",
                example = "[[\"x1\",\"x2\"]]") List<List<String>> featureCrosses) {

    static final Preprocessing NONE = new Preprocessing(null, null, null);

    Preprocessing withDefaults() {
        return new Preprocessing(featureScaling != null ? featureScaling : Scaling.NONE,
                targetScaling != null ? targetScaling : Scaling.NONE, featureCrosses != null ? featureCrosses : List.of());
    }

    /** Crosses must name known features; returns the network's inputs: the features plus one per cross. */
    int check(Checks checks, List<String> featureNames) {
        for (int c = 0; c < featureCrosses.size(); c++) {
            List<String> cross = featureCrosses.get(c);
            String field = "preprocessing.featureCrosses[" + c + "]";
            if (cross == null || cross.size() < 2) {
                checks.add(field, cross, "must multiply at least 2 features, e.g. [\"x1\",\"x2\"]");
            }
            else if (!cross.stream().allMatch(name -> name != null && featureNames.contains(name))) {
                checks.add(field, cross, "must name features among " + featureNames);
            }
        }
        int inputs = featureNames.size() + featureCrosses.size();
        if (inputs > checks.limits().maxColumns()) {
            checks.add("preprocessing.featureCrosses", featureCrosses.size() + " crosses",
                    "must leave at most " + checks.limits().maxColumns() + " inputs in all");
        }
        return inputs;
    }

    boolean scalesTargets() {
        return targetScaling != Scaling.NONE;
    }
}
