package io.backprop.inference;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.access.RateLimited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol V2 (KServe, Triton, MLServer clients): its required REST API, with its paths,
 * fields and {@code {"error": "…"}} answers ({@link InferenceErrors}).
 */
@RestController
@RequestMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open Inference Protocol", description = "KServe's V2 protocol: server and model metadata, health, "
        + "infer. A model name is a registered name (its latest version; a version segment of digits is a version, "
        + "any other an alias) or a model id.")
class InferenceController {

    private static final String XOR_INFER = """
            {"id": "42", "inputs": [{"name": "features", "shape": [4, 2], "datatype": "FP64",
              "data": [0, 0, 0, 1, 1, 0, 1, 1]}]}""";

    private final InferenceService service;
    private final ApplicationAvailability availability;
    private final String version;

    InferenceController(InferenceService service, ApplicationAvailability availability,
            ObjectProvider<BuildProperties> build) {
        this.service = service;
        this.availability = availability;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
    }

    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    record Live(boolean live) {
    }

    record Ready(boolean ready) {
    }

    record ModelReady(String name, boolean ready) {
    }

    @GetMapping
    @Operation(summary = "Server metadata", description = "The extension backprop: model metadata also names the "
            + "features, outputs and classes")
    ServerMetadata serverMetadata() {
        return new ServerMetadata("backprop", version, List.of("backprop"));
    }

    @GetMapping("/health/live")
    @Operation(summary = "Server live")
    ResponseEntity<Live> serverLive() {
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new Live(live));
    }

    @GetMapping("/health/ready")
    @Operation(summary = "Server ready")
    ResponseEntity<Ready> serverReady() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new Ready(ready));
    }

    @GetMapping("/models/{name}")
    @Operation(summary = "Model metadata", description = "Its versions, its input and output tensors, and (the "
            + "backprop member) its feature names, output names and classes")
    Map<String, Object> modelMetadata(@PathVariable String name) {
        return service.metadata(service.resolve(name, null));
    }

    @GetMapping("/models/{name}/versions/{version}")
    @Operation(summary = "Model metadata of a version or alias")
    Map<String, Object> modelVersionMetadata(@PathVariable String name, @PathVariable String version) {
        return service.metadata(service.resolve(name, version));
    }

    @GetMapping("/models/{name}/ready")
    @Operation(summary = "Model ready")
    ResponseEntity<ModelReady> modelReady(@PathVariable String name) {
        return readiness(service.resolve(name, null));
    }

    @GetMapping("/models/{name}/versions/{version}/ready")
    @Operation(summary = "Model ready, of a version or alias")
    ResponseEntity<ModelReady> modelVersionReady(@PathVariable String name, @PathVariable String version) {
        return readiness(service.resolve(name, version));
    }

    private ResponseEntity<ModelReady> readiness(InferenceService.Resolved resolved) {
        boolean ready = service.ready(resolved);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ModelReady(resolved.name(), ready));
    }

    @PostMapping(path = "/models/{name}/infer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Infer", description = "One input tensor [rows, features] (FP32, FP64 or an integer type; "
            + "data flat row-major or nested); outputs: outputs [rows, outputs] (FP32 for FP32 input, else FP64) "
            + "and, for classifiers, label [rows] (BYTES)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(type = "object",
            description = "The protocol's inference request"),
            examples = @ExampleObject(name = "xor", value = XOR_INFER)))
    Map<String, Object> modelInfer(@PathVariable String name, @RequestBody JsonNode request) {
        return service.infer(service.resolve(name, null), request);
    }

    @PostMapping(path = "/models/{name}/versions/{version}/infer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(RateLimited.Kind.PREDICTIONS)
    @Operation(summary = "Infer with a version or alias")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(type = "object",
            description = "The protocol's inference request"),
            examples = @ExampleObject(name = "xor", value = XOR_INFER)))
    Map<String, Object> modelVersionInfer(@PathVariable String name, @PathVariable String version,
            @RequestBody JsonNode request) {
        return service.infer(service.resolve(name, version), request);
    }
}
