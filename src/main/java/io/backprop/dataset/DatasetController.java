package io.backprop.dataset;

import java.io.InputStream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.access.RateLimited;
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
@RequestMapping(path = "/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Datasets", description = "Upload examples once, as CSV or JSON, and train on them by id")
class DatasetController {

    static final String TEXT_CSV = "text/csv";

    private final DatasetService service;
    private final Links links;

    DatasetController(DatasetService service, Links links) {
        this.service = service;
        this.links = links;
    }

    @PostMapping(consumes = {TEXT_CSV, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(operationId = "uploadDataset", summary = "Upload a data set: CSV, .npy, .npz or JSON",
            description = "Files are read and stored as they arrive, up to "
            + "backprop.limits.max-upload-size (2 GB), compressed with gzip (Content-Encoding: gzip, or a .gz file) "
            + "or not. CSV: the first line names the columns; targets names the target columns, every other column "
            + "is a numeric feature; a single target column holding text is a column of class labels. .npz (as "
            + "application/octet-stream): the arrays features and targets, or features and labels, as "
            + "np.savez(f, features=X, labels=y) writes them. .npy: one 2-D array, its columns named x1, x2, …; "
            + "targets names the target columns. A file with no target named (an .npz of features alone) holds rows "
            + "to predict by the data set's id; it cannot be trained on or evaluated. JSON (application/json): the "
            + "same shape as a training request's dataset.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
        @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"), examples = @ExampleObject(name = "exam",
                value = "studied,slept,score\n2,9,92\n1,5,86\n3,6,89\n")),
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DatasetInput.class))})
    @ApiResponse(responseCode = "201", description = "Stored", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Invalid file: each problem with its line and column",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "413", description = "Larger than the upload limit",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @RateLimited(RateLimited.Kind.TRAINING)
    ResponseEntity<DatasetView> uploadDataset(
            @Parameter(description = "Target columns, comma-separated (CSV and .npy); none for rows to predict",
                    example = "score")
            @RequestParam(defaultValue = "") String targets,
            @Parameter(description = "A name to recognise the data set by") @RequestParam(required = false) String name,
            @Parameter(description = "float32 stores every value rounded to float32 (half the bytes); by default "
                    + "values are stored exactly, as float32 where that loses nothing")
            @RequestParam(required = false) String precision,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.CONTENT_ENCODING, required = false)
            String encoding,
            @Parameter(hidden = true) InputStream body) {
        return created(service.upload(name, body, UploadOptions.of(encoding, targets, precision)));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "uploadDataset", hidden = true)
    @ApiResponse(responseCode = "201", description = "Stored", useReturnTypeSchema = true)
    @RateLimited(RateLimited.Kind.TRAINING)
    ResponseEntity<DatasetView> uploadJsonDataset(@RequestParam(required = false) String name,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = DatasetInput.class))) @RequestBody JsonNode dataset) {
        return created(service.create(name, dataset));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A data set's shape, columns and statistics")
    DatasetView getDataset(@PathVariable String id) {
        return service.get(id);
    }

    @GetMapping
    @Operation(summary = "List data sets", description = "Newest first, a page at a time")
    PagedModel<DatasetView> listDatasets(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new PagedModel<>(service.list(page, size));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a data set", description = "Its rows stay stored as long as a model trained on "
            + "them does")
    void deleteDataset(@PathVariable String id) {
        service.delete(id);
    }

    private ResponseEntity<DatasetView> created(DatasetView dataset) {
        return ResponseEntity.created(links.to("/datasets/{id}", dataset.id())).body(dataset);
    }
}
