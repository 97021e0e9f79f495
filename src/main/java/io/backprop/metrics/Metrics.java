package io.backprop.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** A trained model's fit on its training rows and, when some were held out, on its validation rows. */
@Schema(description = "How well the trained model fits its training rows and its validation rows")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metrics(Evaluation training, Evaluation validation,
        @Schema(description = "With training.crossValidation: each fold's validation metrics, their mean and standard "
                + "deviation") CrossValidationReport crossValidation) {

    public Metrics(Evaluation training, Evaluation validation) {
        this(training, validation, null);
    }

    public Metrics withCrossValidation(CrossValidationReport report) {
        return new Metrics(training, validation, report);
    }
}
