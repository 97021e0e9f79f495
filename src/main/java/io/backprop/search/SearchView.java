package io.backprop.search;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A search as the API shows it. */
@Schema(description = "A hyper-parameter search: its progress, best trial so far and every trial")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SearchStatus status,
        @Schema(description = "Why it ended") String outcome,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Progress progress,
        @Schema(description = "The best trial so far by the objective") Trial best,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Every planned trial, in trial order "
                + "or, with sort=metric, best first") java.util.List<Trial> trials,
        @Schema(description = "The request with every default filled in") SearchRequest request,
        Instant createdAt, Instant finishedAt) {

    /** Trials done (ended, or skipped once the search ended) of all planned, and those training or queued. */
    public record Progress(int done, int total, int active) {
    }

    /**
     * One trial: its model (absent until it is started), its settings, its model's status (PENDING until started,
     * SKIPPED when the search ended first) and its objective metric once it succeeded.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trial(int trial, String modelId,
            @Schema(description = "Path → value", type = "object",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, JsonNode> settings,
            @Schema(description = "PENDING, SKIPPED, or its model's status") String status,
            @Schema(description = "The objective's value, once the trial succeeded") Double metric,
            @Schema(description = "Why the trial failed") String error) {
    }
}
