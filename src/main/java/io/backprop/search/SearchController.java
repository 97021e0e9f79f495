package io.backprop.search;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.backprop.access.RateLimited;
import io.backprop.model.ModelView;
import io.backprop.training.TrainingEvents;
import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.Links;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Hyper-parameter searches: start, follow, cancel, and register the best trial. */
@RestController
@RequestMapping(path = "/searches", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Searches", description = "Grid and random hyper-parameter search; each trial is a model")
class SearchController {

    private final SearchService service;
    private final SearchRunner runner;
    private final TrainingEvents events;
    private final Links links;

    SearchController(SearchService service, SearchRunner runner, TrainingEvents events, Links links) {
        this.service = service;
        this.runner = runner;
        this.events = events;
        this.links = links;
    }

    /** Registers the best trial under a name. */
    record Registration(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "iris") String name) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "startSearch", summary = "Start a search", description = "Checks every trial's request "
            + "as POST /models would, then trains the trials in the background, `parallel` at a time. Trials are "
            + "models (predict, trace and export work on them) listed under their search, not in GET /models.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = SearchRequest.class), examples = @ExampleObject(name = "xor",
                    summary = "Two learning rates × two hidden sizes on XOR", value = """
                            {"base": {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
                              "architecture": {"layers": [{"units": 3, "activation": "tanh", "init": "xavier"},
                                {"units": 1, "activation": "sigmoid"}], "loss": "binary_cross_entropy"},
                              "training": {"epochs": 500, "seed": 7}},
                             "space": {"training.learningRate": [0.1, 1.0], "architecture.layers[0].units": [2, 4]},
                             "objective": {"metric": "training.cost"}}""")))
    @ApiResponse(responseCode = "202", description = "Accepted; trials start at once", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Invalid search, or a trial's request is invalid (fields "
            + "named as base.… or space.…)", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "422", description = "All trials together are past the cost ceiling",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "429", description = "The owner runs as many searches as allowed; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @RateLimited(RateLimited.Kind.TRAINING)
    ResponseEntity<SearchView> startSearch(@RequestBody JsonNode request) {
        ModelSearch search = service.create(request);
        runner.advance(search.id());
        return ResponseEntity.accepted().location(links.to("/searches/{id}", search.id()))
                .body(service.view(service.find(search.id()), false));
    }

    @GetMapping
    @Operation(operationId = "listSearches", summary = "List searches", description = "The caller's searches, "
            + "newest first, without their requests")
    List<SearchView> listSearches() {
        return service.list();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSearch", summary = "A search", description = "Progress, the best trial so far, and "
            + "every trial's settings, status and metric")
    @ApiResponse(responseCode = "200", description = "The search", useReturnTypeSchema = true)
    SearchView getSearch(@PathVariable String id, @Parameter(description = "trial (default): in trial order; "
            + "metric: best first by the objective, trials without a metric last")
            @RequestParam(defaultValue = "trial") @Schema(allowableValues = {"trial", "metric"}) String sort) {
        if (!sort.equals("trial") && !sort.equals("metric")) {
            throw new InvalidRequestException(List.of(FieldViolation.of("sort", sort, "must be trial or metric")));
        }
        return service.view(service.find(id), sort.equals("metric"));
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelSearch", summary = "Cancel a search", description = "Ends it CANCELLED and "
            + "cancels its queued and running trials; trials that ended stay as they are")
    @ApiResponse(responseCode = "200", description = "The search, CANCELLED", useReturnTypeSchema = true)
    SearchView cancelSearch(@PathVariable String id) {
        runner.cancel(service.find(id));
        return service.view(service.find(id), false);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteSearch", summary = "Delete a search and its trials", description = "Cancels it "
            + "if it runs, then deletes it and its trials' models; trials registered in the registry stay, as "
            + "ordinary models")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteSearch(@PathVariable String id) {
        runner.delete(service.find(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "registerBestTrial", summary = "Register the best trial", description = "Registers the "
            + "best trial so far as the next version of a name in the registry; answers its model")
    @ApiResponse(responseCode = "200", description = "The trial's model, with its name and version",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "No trial succeeded yet, or the best is registered already",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ModelView registerBestTrial(@PathVariable String id, @RequestBody Registration registration) {
        return service.registerBest(id, registration.name());
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "followSearch", summary = "Follow a search live (Server-Sent Events)",
            description = "Events: state (the search, at once), progress (the search, whenever a trial starts or "
                    + "ends), end (the search as it ended), after which the stream closes.")
    @ApiResponse(responseCode = "200", description = "The stream: each event's data is the search as GET "
            + "/searches/{id} gives it", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string")))
    SseEmitter followSearch(@PathVariable String id) {
        service.find(id);
        return events.follow(SearchRunner.EVENTS + id, () -> {
            ModelSearch search = service.find(id);
            return new TrainingEvents.Snapshot(service.view(search, false), search.status().ended());
        });
    }
}
