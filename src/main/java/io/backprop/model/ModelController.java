package io.backprop.model;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.backprop.access.RateLimited;
import io.backprop.model.spec.TrainingRequest;
import io.backprop.training.QueuesTraining;
import io.backprop.web.Links;
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
class ModelController {

    private final ModelCreation creation;
    private final ModelService service;
    private final Links links;
    private final Replays replays;

    ModelController(ModelCreation creation, ModelService service, Links links, Replays replays) {
        this.creation = creation;
        this.service = service;
        this.links = links;
        this.replays = replays;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Train a model", description = "Stores the request and trains in the background. "
            + "Answers at once with the model in status QUEUED; follow it at the Location. A job small enough "
            + "(backprop.training.at-once-max-flops and -steps: XOR for a few thousand epochs) trains at once "
            + "instead, and the answer is 201 with the model as it ended, SUCCEEDED or FAILED.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = TrainingRequest.class), examples = {
            @ExampleObject(name = "xor", summary = "XOR with a 2-3-1 sigmoid network", value = ApiExamples.XOR),
            @ExampleObject(name = "or", summary = "The OR gate's single unit from w = [0.1, 0.6]",
                    value = ApiExamples.OR),
            @ExampleObject(name = "exam", summary = "Exam scores from hours studied and slept, in raw units",
                    value = ApiExamples.EXAM) }))
    @ApiResponse(responseCode = "202", description = "Accepted and queued", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "Trained at once: the model as it ended",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Invalid request: every violated field is listed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "429", description = "The training queue is full; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @RateLimited(RateLimited.Kind.TRAINING)
    @QueuesTraining
    ResponseEntity<ModelView> trainModel(@RequestBody JsonNode request) {
        ModelView model = creation.create(request);
        URI location = links.to("/models/{id}", model.id());
        return model.status().ended() ? ResponseEntity.created(location).body(model)
                : ResponseEntity.accepted().location(location).body(model);
    }

    @GetMapping
    @Operation(summary = "List models", description = "Newest first, a page at a time, optionally by status")
    PagedModel<ModelView> listModels(@RequestParam(required = false) ModelStatus status,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Models per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new PagedModel<>(service.list(status, page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A model", description = "Status, progress, the spec with defaults filled in, metrics, error")
    @ApiResponse(responseCode = "404", description = "No such model",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "The model", useReturnTypeSchema = true)
    ModelView getModel(@PathVariable String id) {
        return service.get(id);
    }

    @GetMapping("/{id}/learning-curve")
    @Operation(summary = "The cost per epoch", description = "Epoch 0 is the cost of the initial parameters; "
            + "long curves are downsampled, always keeping the first and the last epoch")
    LearningCurve getLearningCurve(@PathVariable String id) {
        return service.learningCurve(id);
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop training and keep the model", description = "Ends a running job within its current "
            + "batch; the model becomes SUCCEEDED with the parameters it has (with early stopping, those of its best "
            + "epoch), and its outcome says at which epoch it stopped. Cancel discards instead.")
    @ApiResponse(responseCode = "409", description = "The job is not running, or a cancel or delete ended it first",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "200", description = "Stopped: the model, SUCCEEDED", useReturnTypeSchema = true)
    ModelView stopTraining(@PathVariable String id) {
        return service.stop(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow training live (Server-Sent Events)", description = "Events: state (the model, at "
            + "once), progress (epoch, epochs, cost, validationCost, elapsedSeconds, etaSeconds; a few per second), "
            + "status (the model, when its status changes) and end (the model as it ended), after which the stream "
            + "closes.")
    @ApiResponse(responseCode = "200", description = "The stream: each event's data is JSON (state, status and "
            + "end: the model as GET /models/{id} gives it; progress: epoch, epochs, cost, validationCost, "
            + "elapsedSeconds, etaSeconds)", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string")))
    SseEmitter followEvents(@PathVariable String id) {
        return service.events(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel training", description = "Stops a queued or running job; its model ends CANCELLED")
    ModelView cancelTraining(@PathVariable String id) {
        return service.cancel(id);
    }

    @PostMapping("/{id}/replay")
    @RateLimited(RateLimited.Kind.TRAINING)
    @Operation(operationId = "replayModel", summary = "Train the same request again and compare",
            description = "Trains the model's request again from its receipt (spec with its seed, rows, starting "
                    + "parameters) as a new version of its name, waits for it (up to a minute), and answers whether "
                    + "the parameters came out bit-identical, and if not which receipt fields differ")
    @ApiResponse(responseCode = "200", description = "The comparison", useReturnTypeSchema = true)
    Replays.Replay replayModel(@PathVariable String id) {
        return replays.replay(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a model", description = "Cancels its training first if it is still training")
    void deleteModel(@PathVariable String id) {
        service.delete(id);
    }
}
