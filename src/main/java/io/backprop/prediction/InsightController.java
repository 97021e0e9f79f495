package io.backprop.prediction;

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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Looking inside a trained model: its passes layer by layer, its sensitivities, its gradients checked. */
@RestController
@RequestMapping(path = "/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inside a model", description = "Traces, sensitivities and gradient checks of trained models")
class InsightController {

    private static final String OR_ROWS = """
            {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[1]]}""";

    private final PredictionService service;

    InsightController(PredictionService service) {
        this.service = service;
    }

    @PostMapping(path = "/{id}/trace", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(operationId = "traceModel", summary = "Trace a pass, layer by layer", description = "For up to "
            + "1,000 rows: the inputs as the network sees them (crossed, scaled), then per layer Z and A; with "
            + "targets also the cost and per layer dZ, dW and db of the backward pass, as the tutorials write them")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = TraceRequest.class),
            examples = @ExampleObject(name = "or", summary = "The OR gate's rows and targets", value = OR_ROWS)))
    @ApiResponse(responseCode = "200", description = "The trace", useReturnTypeSchema = true)
    ModelInsight.TraceView trace(@PathVariable String id, @RequestBody JsonNode rows) {
        return service.trace(id, rows);
    }

    @PostMapping(path = "/{id}/sensitivity", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(operationId = "sensitivity", summary = "Each output's gradient with respect to each raw input",
            description = "Saliency: row × output × input feature, through the scaling, the crosses and, for "
                    + "regression, the targets' scaling: the outputs' change per unit of each raw feature")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = TraceRequest.class)))
    @ApiResponse(responseCode = "200", description = "The gradients", useReturnTypeSchema = true)
    ModelInsight.Sensitivity sensitivity(@PathVariable String id, @RequestBody JsonNode rows) {
        return service.sensitivity(id, rows);
    }

    @GetMapping("/{id}/hidden-units")
    @Operation(operationId = "hiddenUnits", summary = "Every unit's picture", description = "For two-input models: "
            + "each unit's activation, layer by layer, over the decision boundary's grid of the two raw inputs, "
            + "with the weights feeding each layer")
    @ApiResponse(responseCode = "200", description = "The pictures", useReturnTypeSchema = true)
    ModelInsight.HiddenUnits hiddenUnits(@PathVariable String id,
            @Parameter(description = "Cells per side; default 50") @RequestParam(required = false) Integer resolution) {
        return service.hiddenUnits(id, resolution);
    }

    @PostMapping(path = "/{id}/gradient-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(operationId = "gradientCheck", summary = "Check backpropagation against central differences",
            description = "On labelled rows (a dataset: features and targets or labels): per layer, the relative "
                    + "error between the cost's gradients by backpropagation and by central differences; below "
                    + "1e-7 means they agree to float64's precision")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = DatasetInput.class)))
    @ApiResponse(responseCode = "200", description = "The relative errors", useReturnTypeSchema = true)
    ModelInsight.GradientCheck gradientCheck(@PathVariable String id, @RequestBody JsonNode rows) {
        return service.gradientCheck(id, rows);
    }
}
