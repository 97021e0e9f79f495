package io.backprop.prediction;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** The network's outputs per row and, for classifiers, each row's predicted class and class probabilities. */
@Schema(description = "Per row: the outputs (for regression in the targets' own units); for classifiers also the "
        + "predicted class and each class's probability")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionResponse(double[][] outputs,
        @Schema(description = "Classifiers only: each row's class (for one sigmoid output the second class when the "
                + "output is at least 0.5; for softmax the class of the largest output)") List<Object> labels,
        @Schema(description = "Classifiers only: each row's probability per class") List<Map<String, Double>> probabilities) {
}
