package io.backprop.prediction;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.access.RateLimited;
import io.backprop.dataset.DatasetInput;
import io.backprop.metrics.Evaluation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Models", description = "Train networks, follow their training, predict with them")
class PredictionController {

    private static final String XOR_ROWS = """
            {"features": [[0,0],[0,1],[1,0],[1,1]]}""";

    private final PredictionService service;

    PredictionController(PredictionService service) {
        this.service = service;
    }

    @GetMapping("/{id}/parameters")
    @Operation(summary = "The trained weights and biases", description = "Weights per layer are units × inputs")
    @ApiResponse(responseCode = "409", description = "The model has not finished training successfully",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "Weights and biases per layer", useReturnTypeSchema = true)
    TrainedParameters getParameters(@PathVariable String id) {
        return service.parameters(id);
    }

    @PostMapping(path = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "predict", summary = "Predict", description = "Outputs for each row and, for "
            + "classifiers, the predicted class and each class's probability; with Accept: text/csv, as CSV (one line "
            + "per row: for regression the outputs under the targets' names, for classifiers the class and each "
            + "class's probability). For a datasetId, streamed as the answers are computed.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PredictionRequest.class),
            examples = @ExampleObject(name = "xor", summary = "The four XOR inputs", value = XOR_ROWS)))
    @ApiResponse(responseCode = "409", description = "The model has not finished training successfully",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "The answers; for a datasetId, streamed as they are computed",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictionResponse.class)),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    Object predict(@PathVariable String id, @RequestBody JsonNode request, HttpServletResponse response)
            throws IOException {
        return PredictionService.Streamed.write(service.predict(id, request, false), response);
    }

    @PostMapping(path = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE, produces = "text/csv")
    @Operation(operationId = "predict", hidden = true)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    Object predictCsv(@PathVariable String id, @RequestBody JsonNode request, HttpServletResponse response)
            throws IOException {
        return PredictionService.Streamed.write(service.predict(id, request, true), response);
    }

    @GetMapping("/{id}/decision-boundary")
    @Operation(summary = "The decision boundary of a two-input model", description = "The network's output over a "
            + "grid of its two raw input features (before feature crosses), by default over the training rows' "
            + "range plus a margin, and the training points with their labels")
    @ApiResponse(responseCode = "409", description = "Not a trained two-input model",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "The grid and the training points", useReturnTypeSchema = true)
    DecisionBoundary getDecisionBoundary(@PathVariable String id,
            @Parameter(description = "Cells per side; default 50") @RequestParam(required = false) Integer resolution,
            @RequestParam(required = false) Double xMin, @RequestParam(required = false) Double xMax,
            @RequestParam(required = false) Double yMin, @RequestParam(required = false) Double yMax) {
        return service.decisionBoundary(id, resolution, xMin, xMax, yMin, yMax);
    }

    @PostMapping(path = "/{id}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate on labelled rows", description = "The same metrics as the model's training and "
            + "validation metrics, for rows the caller brings: raw features, and targets or class labels; or for "
            + "every row of a stored data set, given as {\"datasetId\": \"…\"}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = DatasetInput.class)))
    @ApiResponse(responseCode = "409", description = "The model has not finished training successfully",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @ApiResponse(responseCode = "200", description = "The metrics", useReturnTypeSchema = true)
    Evaluation evaluate(@PathVariable String id, @RequestBody JsonNode rows) {
        return service.evaluate(id, rows);
    }
}
