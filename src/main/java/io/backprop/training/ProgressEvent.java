package io.backprop.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A running job's progress, as sent to clients following it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(int epoch, int epochs, double cost, Double validationCost, double elapsedSeconds,
        Double etaSeconds) {
}
