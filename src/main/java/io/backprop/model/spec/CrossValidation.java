package io.backprop.model.spec;

import io.backprop.preprocessing.Folds;
import io.swagger.v3.oas.annotations.media.Schema;

/** k-fold cross-validation of a training request: k trainings, each validated on the fold it left out. */
@Schema(description = "k-fold cross-validation: k trainings, each on all rows but one fold and validated on that "
        + "fold (stratified by class for classifiers, seeded by training.seed); reported in "
        + "metrics.crossValidation. The model kept is then trained on all rows")
public record CrossValidation(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "2", maximum = "20", example = "5")
        Integer folds) {

    void check(Checks checks, Double validationSplit) {
        if (folds == null || folds < Folds.MIN || folds > Folds.MAX) {
            checks.add("training.crossValidation.folds", folds, "must be between " + Folds.MIN + " and " + Folds.MAX);
        }
        if (validationSplit != null && validationSplit > 0) {
            checks.add("training.crossValidation", "with validationSplit " + validationSplit,
                    "cannot be combined with validationSplit: the folds hold out every row once, and the model "
                            + "kept trains on all rows");
        }
    }
}
