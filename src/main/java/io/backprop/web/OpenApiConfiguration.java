package io.backprop.web;

import java.util.List;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document, complete enough for generated clients: every error documented once here, as it is
 * answered (a {@code Problem} as application/problem+json, or on the inference protocol's paths its
 * {@code {"error"}}), with the statuses any operation can give (400, 401, 403, 404 for paths with an id, 429 with
 * {@code Retry-After} where requests are limited), and {@code Location} on 201 and 202.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "apiKey";
    private static final String PROBLEM = "Problem";
    private static final String INFERENCE_ERROR = "InferenceError";
    /** Operations that queue work or answer from a model: a full queue, a quota or a rate limit may refuse them. */
    private static final Set<String> LIMITED = Set.of("trainModel", "uploadDataset", "predict", "evaluate",
            "predictVersion", "predictAlias", "evaluateVersion", "evaluateAlias", "modelInfer", "modelVersionInfer",
            "traceModel", "sensitivity", "gradientCheck");
    private static final Set<String> PUBLIC = Set.of("serverMetadata", "serverLive", "serverReady");

    @Bean
    OpenAPI backpropApi() {
        return new OpenAPI()
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("An API key (not needed on the "
                                + "loopback interface without an admin key)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info().title("Backprop").version("1")
                        .description("Train small feed-forward neural networks and predict with them. POST a data set "
                        + "and an architecture to /models; training runs in the background; follow the model until it "
                        + "is SUCCEEDED, then POST rows to /models/{id}/predict. Errors are application/problem+json."));
    }

    @Bean
    OpenApiCustomizer errorsAndHeaders() {
        return api -> {
            // the JSON tree type of bodies read by hand; each such body documents its own schema
            api.getComponents().getSchemas().remove("JsonNode");
            api.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(INFERENCE_ERROR, new ObjectSchema()
                    .addProperty("error", new StringSchema()).required(List.of("error")));
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> documentErrors(path,
                    operation)));
        };
    }

    private static void documentErrors(String path, Operation operation) {
        boolean inference = path.startsWith("/v2");
        ApiResponses responses = operation.getResponses();
        responses.forEach((status, response) -> {
            if (status.startsWith("201") || status.startsWith("202")) {
                response.addHeaderObject("Location", new Header().description("Where the new resource is")
                        .schema(new StringSchema()));
            }
        });
        if (PUBLIC.contains(operation.getOperationId())) {
            return;
        }
        error(responses, "400", "Invalid request: each problem named");
        error(responses, "401", "A key is needed (when the server requires keys), or it is unknown or revoked");
        error(responses, "403", "The key's role does not allow this");
        if (path.contains("{")) {
            error(responses, "404", "Not found (or another owner's)");
        }
        if (LIMITED.contains(operation.getOperationId())) {
            error(responses, "429", "Queue full, quota or rate limit reached; see Retry-After");
            responses.get("429").addHeaderObject("Retry-After", new Header()
                    .description("Seconds to wait before trying again").schema(new IntegerSchema()));
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                // the security filters answer problems on every path
                boolean protocol = inference && !status.equals("401") && !status.equals("403");
                response.setContent(new Content().addMediaType(protocol ? MediaType.APPLICATION_JSON_VALUE
                        : MediaType.APPLICATION_PROBLEM_JSON_VALUE, new io.swagger.v3.oas.models.media.MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + (protocol ? INFERENCE_ERROR
                                : PROBLEM)))));
            }
        });
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    /** RFC 9457's members, the field violations of invalid requests, and any member a kind of problem adds. */
    private static Schema<?> problemSchema() {
        ObjectSchema violation = new ObjectSchema();
        violation.addProperty("field", new StringSchema().description("Where, e.g. architecture.layers[0].units"));
        violation.addProperty("value", new StringSchema().description("The value given, shortened"));
        violation.addProperty("message", new StringSchema().description("What is wrong with it"));
        violation.addProperty("line", new IntegerSchema().description("CSV uploads: the line"));
        violation.addProperty("column", new StringSchema().description("CSV uploads: the column"));
        ObjectSchema problem = new ObjectSchema();
        problem.setDescription("application/problem+json (RFC 9457)");
        problem.addProperty("type", new StringSchema()
                .description("The kind of problem, e.g. /problems/invalid-request"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(violation));
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
