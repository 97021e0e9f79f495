package io.backprop.search;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.backprop.model.spec.TrainingRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A hyper-parameter search: a base training request, the fields to vary and their values, how to choose
 * settings, what to optimise and how much to spend. A stored search shows every default filled in.
 */
@Schema(description = "A hyper-parameter search; a stored search shows every default filled in")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = TrainingRequest.class,
                description = "A training request as POST /models takes it; every trial is this request with its "
                        + "settings applied") JsonNode base,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Fields to vary, by their JSON path in "
                + "the base request (e.g. training.learningRate, architecture.layers[0].units): a list of values "
                + "(grid or random choice), or for random search a range {\"min\", \"max\", \"scale\": "
                + "\"linear\"|\"log\"} (integers when min and max are written as integers)",
                example = "{\"training.learningRate\": [0.01, 0.1], \"architecture.layers[0].units\": [4, 16]}",
                type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, JsonNode> space,
        @Schema(description = "grid: every combination of the lists, in order; random: settings drawn with seed",
                defaultValue = "grid") Strategy strategy,
        @Schema(description = "Seeds the random search's draws; default drawn at random and shown") Long seed,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Objective objective,
        Budget budget) {

    /** How trial settings are chosen. */
    public enum Strategy {
        GRID, RANDOM;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which way is better. */
    public enum Direction {
        MAXIMIZE, MINIMIZE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The metric a trial is judged by, and optionally the value that ends the search once reached. */
    @Schema(description = "The metric trials are judged by: training.*, validation.* (needs validationSplit) or "
            + "crossValidation.mean.* (needs crossValidation), where * is cost, accuracy, rmse, mae or r2")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Objective(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "validation.accuracy") String metric,
            @Schema(description = "Default: maximize for accuracy and r2, minimize for the others")
            Direction direction,
            @Schema(description = "Ends the search (cancelling what is left) once a trial reaches it",
                    example = "0.95") Double goal) {
    }

    /** How much the search may spend. */
    @Schema(description = "How much the search may spend")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(
            @Schema(description = "Most trials; default: the grid's size, or 10 for random search", minimum = "1",
                    example = "20") Integer maxTrials,
            @Schema(description = "Most seconds from the search's start; what is left then is cancelled; default "
                    + "and maximum: backprop.search.max-duration (1 h)", minimum = "1", example = "600") Integer maxSeconds,
            @Schema(description = "Trials training at once", defaultValue = "2", minimum = "1", example = "2")
            Integer parallel) {
    }
}
