package io.backprop.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** The network's outputs per row and, for classifiers, the predicted class of each row. */
@Schema(description = "The last layer's outputs per row; for classifiers also each row's predicted class")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionResponse(double[][] outputs,
        @Schema(description = "Classifiers only: the class of each row (for one sigmoid output, 1 when the output "
                + "is at least 0.5; for softmax, the index of the largest output)") List<Object> labels) {
}
