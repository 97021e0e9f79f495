package io.backprop.registry;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.access.RateLimited;
import io.backprop.dataset.DatasetInput;
import io.backprop.metrics.Evaluation;
import io.backprop.model.ModelService;
import io.backprop.model.ModelView;
import io.backprop.prediction.PredictionRequest;
import io.backprop.prediction.PredictionService;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The registry: a model's {@code name} groups its versions (each successful training under it is the next one),
 * and aliases such as {@code champion} point at a version. Versions and aliases answer like models by id.
 */
@RestController
@RequestMapping(path = "/registry", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Registry", description = "Names, versions and aliases (name@alias), and predictions through them")
class RegistryController {

    private final Registry registry;
    private final ModelService models;
    private final PredictionService predictions;
    private final JsonBinding binding;

    RegistryController(Registry registry, ModelService models, PredictionService predictions, JsonBinding binding) {
        this.registry = registry;
        this.models = models;
        this.predictions = predictions;
        this.binding = binding;
    }

    @GetMapping
    @Operation(summary = "Names", description = "Every name with a version, its latest version and its aliases")
    List<Registry.NameSummary> listNames() {
        return registry.names();
    }

    @GetMapping("/{name}")
    @Operation(summary = "A name's versions and aliases", description = "Each version with its model id, seed, "
            + "the SHA-256 of its training rows, metrics and times, and the aliases pointing at it")
    @ApiResponse(responseCode = "404", description = "No version of that name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "The name's versions and aliases", useReturnTypeSchema = true)
    Registry.NameView getName(@PathVariable String name) {
        return registry.describe(name);
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "A version, as its model")
    ModelView getVersion(@PathVariable String name, @PathVariable int version) {
        return models.get(registry.versionId(name, version));
    }

    @DeleteMapping("/{name}/versions/{version}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a version", description = "Deletes its model; refused while an alias points at it")
    @ApiResponse(responseCode = "409", description = "An alias points at it: the problem names the aliases",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    void deleteVersion(@PathVariable String name, @PathVariable int version) {
        registry.deleteVersion(name, version);
    }

    @GetMapping("/{name}/aliases/{alias}")
    @Operation(summary = "The version an alias points at, as its model")
    ModelView getAlias(@PathVariable String name, @PathVariable String alias) {
        return models.get(registry.aliasId(name, alias));
    }

    /** Where an alias points. */
    record AliasTarget(Integer version) {
    }

    @PutMapping(path = "/{name}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Point an alias at a version", description = "Creates or moves it in one write. Requests "
            + "that resolved it before finish on the version they started with; the next ones, on every replica "
            + "within a second, use the new one.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = AliasTarget.class),
            examples = @ExampleObject(name = "version 3", value = "{\"version\": 3}")))
    Map<String, Object> setAlias(@PathVariable String name, @PathVariable String alias, @RequestBody JsonNode body) {
        JsonBinding.Bound<AliasTarget> target = binding.bind(body, AliasTarget.class);
        InvalidRequestException.throwIfAny(target.violations());
        return registry.setAlias(name, alias, target.value() == null ? null : target.value().version());
    }

    @DeleteMapping("/{name}/aliases/{alias}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an alias")
    void removeAlias(@PathVariable String name, @PathVariable String alias) {
        registry.removeAlias(name, alias);
    }

    @GetMapping("/{name}/compare")
    @Operation(summary = "Compare two versions", description = "Only the spec fields that differ, whether the "
            + "training rows are the same, and every metric with its change")
    VersionComparison compareVersions(@PathVariable String name, @RequestParam int from, @RequestParam int to) {
        return registry.compare(name, from, to);
    }

    @PostMapping(path = "/{name}/versions/{version}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Predict with a version", description = "The same body and answer as /models/{id}/predict")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PredictionRequest.class)))
    Object predictVersion(@PathVariable String name, @PathVariable int version, @RequestBody JsonNode request,
            HttpServletResponse response) throws IOException {
        return PredictionService.Streamed.write(predictions.predict(registry.versionId(name, version), request,
                false), response);
    }

    @PostMapping(path = "/{name}/aliases/{alias}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Predict with the version an alias points at", description = "The same body and answer as "
            + "/models/{id}/predict; the whole request is answered by one version")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PredictionRequest.class)))
    Object predictAlias(@PathVariable String name, @PathVariable String alias, @RequestBody JsonNode request,
            HttpServletResponse response) throws IOException {
        return PredictionService.Streamed.write(predictions.predict(registry.aliasId(name, alias), request, false),
                response);
    }

    @PostMapping(path = "/{name}/versions/{version}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Evaluate a version", description = "The same body and answer as /models/{id}/evaluate")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = DatasetInput.class)))
    Evaluation evaluateVersion(@PathVariable String name, @PathVariable int version, @RequestBody JsonNode rows) {
        return predictions.evaluate(registry.versionId(name, version), rows);
    }

    @PostMapping(path = "/{name}/aliases/{alias}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Evaluate the version an alias points at")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = DatasetInput.class)))
    Evaluation evaluateAlias(@PathVariable String name, @PathVariable String alias, @RequestBody JsonNode rows) {
        return predictions.evaluate(registry.aliasId(name, alias), rows);
    }
}
