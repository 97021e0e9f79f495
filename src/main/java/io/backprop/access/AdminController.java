package io.backprop.access;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.backprop.system.FieldViolation;
import io.backprop.web.InvalidRequestException;
import io.backprop.web.JsonBinding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Keys and the audit trail, for admins. */
@RestController
@RequestMapping(path = "/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "API keys and the audit trail (admin key only)")
class AdminController {

    /** Owners are names in URLs, logs and quotas: letters, digits and . _ @ - only. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final ApiKeys keys;
    private final AuditTrail audit;
    private final JsonBinding binding;

    AdminController(ApiKeys keys, AuditTrail audit, JsonBinding binding) {
        this.keys = keys;
        this.audit = audit;
        this.binding = binding;
    }

    /** What a new key is for. */
    record KeyRequest(String owner, Role role) {
    }

    @PostMapping(path = "/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key", description = "The key is in this answer only: it is stored as a hash")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = KeyRequest.class), examples = @ExampleObject(name = "trainer",
                    value = "{\"owner\": \"churn-team\", \"role\": \"trainer\"}")))
    ApiKeys.NewKey createKey(@RequestBody JsonNode body) {
        JsonBinding.Bound<KeyRequest> bound = binding.bind(body, KeyRequest.class);
        KeyRequest request = bound.value() != null ? bound.value() : new KeyRequest(null, null);
        List<FieldViolation> violations = new ArrayList<>();
        if (request.owner() == null || !OWNER.matcher(request.owner()).matches()) {
            violations.add(FieldViolation.of("owner", request.owner(),
                    "must be 1 to 100 letters, digits, '.', '_', '@' or '-'"));
        }
        if (request.role() == null) {
            violations.add(FieldViolation.of("role", null, "must be reader, trainer or admin"));
        }
        InvalidRequestException.throwIfAny(bound.violations(), violations);
        return keys.create(request.owner(), request.role());
    }

    @GetMapping("/keys")
    @Operation(summary = "List keys", description = "Newest first, revoked ones too; never the keys themselves")
    PagedModel<ApiKeys.KeyView> listKeys(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new PagedModel<>(keys.list(page, size));
    }

    @DeleteMapping("/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a key", description = "Refused at once on every replica; it stays listed")
    void revokeKey(@PathVariable String id) {
        keys.revoke(id);
    }

    @GetMapping("/audit")
    @Operation(summary = "The audit trail", description = "Who created, stopped, cancelled or deleted what, and "
            + "when; newest first")
    PagedModel<AuditEvent> listAuditEvents(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        return new PagedModel<>(audit.list(page, size));
    }
}
