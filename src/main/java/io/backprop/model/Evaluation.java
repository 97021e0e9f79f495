package io.backprop.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.network.Activation;
import io.backprop.network.Examples;
import io.backprop.network.Predictor;
import io.swagger.v3.oas.annotations.media.Schema;

/** How well a model fits a set of examples: its cost, and for classifiers the share of rows labelled right. */
@Schema(description = "The cost on a set of examples, and for classifiers the accuracy")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(double cost, Double accuracy) {

    static Evaluation of(Predictor predictor, Examples examples, Task task, Activation output) {
        double cost = predictor.cost(examples);
        if (task != Task.CLASSIFICATION) {
            return new Evaluation(cost, null);
        }
        int[] predicted = Labels.of(predictor.predict(examples.features()), output);
        int[] actual = Labels.of(examples.targets(), output);
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            right += predicted[i] == actual[i] ? 1 : 0;
        }
        return new Evaluation(cost, (double) right / actual.length);
    }
}
