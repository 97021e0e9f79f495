package io.backprop.export;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.model.StoredModels;
import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Models", description = "Train networks, follow their training, predict with them")
class ExportController {

    private final StoredModels models;
    private final JsonMapper json;

    ExportController(StoredModels models, JsonMapper json) {
        this.models = models;
        this.json = json;
    }

    @GetMapping(path = "/models/{id}/export", produces = {MediaType.APPLICATION_OCTET_STREAM_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Export a trained model", description = "npz: a NumPy archive (np.load) with W1, b1, … "
            + "(float64, units × inputs and units × 1: Z = W @ A + b with examples as columns, as in the tutorials), "
            + "feature_offset and feature_divisor (x′ = (x − offset) / divisor), target_offset and target_divisor "
            + "for scaled regression targets, and architecture.json. onnx: an ONNX model (opset 13, float32) from "
            + "raw features (input features, [batch, n]) to raw outputs (output outputs, [batch, k]), scaling "
            + "included, for ONNX Runtime and other ONNX tools.")
    @ApiResponse(responseCode = "200", description = "The file", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> exportModel(@PathVariable String id,
            @Parameter(description = "npz or onnx") @RequestParam String format) {
        if (!List.of("npz", "onnx").contains(format)) {
            throw new InvalidRequestException(List.of(FieldViolation.of("format", format, "must be npz or onnx")));
        }
        ExportedModel model = ExportedModel.of(models.trained(id));
        byte[] file = format.equals("npz") ? NpzExport.write(model, json) : OnnxExport.write(model);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("model-" + id + "." + format).build().toString())
                .body(file);
    }
}
