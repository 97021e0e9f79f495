package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriUtils;

import io.backprop.support.ApiClient;
import io.backprop.support.HostileFiles;
import io.backprop.support.HostileRequests;
import io.backprop.support.HostileRequests.Body;
import io.backprop.support.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The service attacked as a hostile client would, on H2 and on PostgreSQL: valid requests of every endpoint,
 * mutated (types, nulls, numbers at and past every bound, long strings, control characters, nesting, broken
 * encodings, wrong content types). Every answer must be below 500, every error problem+json; afterwards the
 * service must still be ready, and the models trained before the attack must predict exactly as they did.
 */
class HostileInputTests {

    private static final String DATASET = "DATASET_ID";
    private static final String MODEL = "MODEL_ID";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Service> SERVICES = new ArrayList<>();

    private static final List<String> TRAINING_REQUESTS = List.of(ApiClient.xor(20), ApiClient.OR.replace("5000", "20"),
            """
            {"name": "exam", "dataset": {"features": [[2,9],[1,5],[3,6]], "targets": [[92],[86],[89]],
              "featureNames": ["studied","slept"], "targetNames": ["score"]},
             "preprocessing": {"featureScaling": "max", "targetScaling": "max", "featureCrosses": [["studied","slept"]]},
             "architecture": {"layers": [{"units": 3, "bias": false, "init": "xavier"}, {"units": 1, "bias": false}]},
             "training": {"epochs": 20, "learningRate": 1.0, "seed": 1, "optimizer": "adam", "beta1": 0.9,
              "learningRateSchedule": {"type": "step", "gamma": 0.5, "stepEpochs": 5}, "l2": 0.01,
              "validationSplit": 0.3, "earlyStopping": {"patience": 5, "minDelta": 0.0}, "maxSeconds": 5}}""",
            """
            {"name": "labels", "dataset": {"features": [[1.4,0.2],[4.7,1.4],[6.0,2.5],[1.3,0.2]],
              "labels": ["setosa","versicolor","virginica","setosa"]},
             "architecture": {"layers": [{"units": 4, "activation": "tanh"}, {"units": 3, "activation": "softmax"}],
              "loss": "cross_entropy", "precision": "float32"}, "training": {"epochs": 20, "batchSize": 2}}""",
            """
            {"datasetId": "DATASET_ID", "architecture": {"layers": [{"units": 3, "activation": "softmax"}],
              "loss": "cross_entropy"}, "training": {"epochs": 20, "optimizer": "momentum", "momentum": 0.5}}""",
            """
            {"initFrom": "MODEL_ID", "dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
             "architecture": {"layers": [{"units": 3, "activation": "sigmoid", "init": "xavier"},
              {"units": 1, "activation": "sigmoid"}]}, "training": {"epochs": 20}}""");
    private static final List<String> ROWS = List.of("{\"features\": [[0,0],[0,1],[1,1]]}",
            "{\"features\": [[0,0],[1,1]], \"targets\": [[0],[0]]}", "{\"features\": [[0,0],[1,1]], \"labels\": [0, 0]}");
    private static final List<String> DATASETS = List.of(
            "{\"features\": [[0,0],[1,1]], \"labels\": [\"a\", \"b\"], \"featureNames\": [\"u\", \"v\"]}",
            "{\"features\": [[0],[1]], \"targets\": [[0.5, 1],[1, 2]], \"targetNames\": [\"p\", \"q\"]}");
    private static final String IRIS = "length,width,species\n1.4,0.2,setosa\n4.7,1.4,versicolor\n6.0,2.5,virginica\n"
            + "1.3,0.2,setosa\n4.5,1.5,versicolor\n5.8,2.2,virginica\n";
    private static final List<String> CSV_FILES = List.of(IRIS, "a,b,y\n1,2,0.5\n3,4,1.5\n");
    private static final List<String> READS = List.of("/models/{id}", "/models/{id}/learning-curve",
            "/models/{id}/parameters", "/models/{id}/decision-boundary?resolution={q}&xMin={q}&yMax={q}",
            "/models?status={q}&page={q}&size={q}", "/datasets/{id}", "/datasets?page={q}&size={q}",
            "/models/{id}/events", "/models/{id}/hidden-units?resolution={q}", "/models/{id}/export?format={q}",
            "/registry/{id}", "/registry/{id}/compare?from={q}&to={q}", "/searches/{id}", "/searches/{id}?sort={q}",
            "/searches/{id}/events");
    /** Searches: a grid over inline rows, and a random search with cross-validation over a stored data set. */
    private static final List<String> SEARCHES = List.of("""
            {"base": %s, "space": {"training.learningRate": [0.1, 1.0], "architecture.layers[0].units": [2]},
             "objective": {"metric": "training.cost"}, "budget": {"maxTrials": 2, "parallel": 1, "maxSeconds": 5}}"""
            .formatted(ApiClient.xor(20)), """
            {"base": {"datasetId": "DATASET_ID", "architecture": {"layers": [{"units": 3, "activation": "softmax"}],
              "loss": "cross_entropy"}, "training": {"epochs": 20, "crossValidation": {"folds": 2},
              "classWeights": "balanced", "l1": 0.01, "maxNorm": 2}},
             "space": {"training.learningRate": {"min": 0.01, "max": 1, "scale": "log"}}, "strategy": "random",
             "seed": 1, "objective": {"metric": "crossValidation.mean.accuracy", "goal": 0.9},
             "budget": {"maxTrials": 2}}""");
    /** The inference protocol's own request shapes, flat and nested, with an id and an outputs filter. */
    private static final List<String> INFERENCE_REQUESTS = List.of(
            "{\"id\": \"1\", \"inputs\": [{\"name\": \"x\", \"shape\": [2, 2], \"datatype\": \"FP64\", "
                    + "\"data\": [0, 1, 1, 0]}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 2], \"datatype\": \"INT32\", \"data\": [[1, 0]]}], "
                    + "\"outputs\": [{\"name\": \"label\"}]}");

    /** One running service under attack, with the models it must keep answering for. */
    private record Service(String name, ConfigurableApplicationContext context, String schema, String base,
            String datasetId, Map<String, String> references, Map<String, String> answers) {
    }

    @BeforeContainer
    static void startServices() {
        SERVICES.add(start("H2", "jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", null));
        if (TestPostgres.reachable()) {
            String schema = "backprop_hostile_" + Long.toHexString(System.nanoTime());
            SERVICES.add(start("PostgreSQL", TestPostgres.URL + "?currentSchema=" + schema, TestPostgres.USER,
                    schema));
        }
        else if (Boolean.parseBoolean(System.getenv("BACKPROP_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("PostgreSQL does not answer at " + TestPostgres.URL);
        }
    }

    @AfterContainer
    static void servicesShouldBeUnharmed() throws IOException, SQLException {
        try {
            for (Service service : SERVICES) {
                ApiClient api = new ApiClient(port(service));
                api.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
                api.get("/models");
                api.get("/datasets");
                service.references().forEach((id, rows) -> assertThat(
                        api.post("/models/" + id + "/predict", rows).toString())
                        .as("%s: model %s predicts as before", service.name(), id)
                        .isEqualTo(service.answers().get(id)));
            }
            System.out.println("Hostile input: peak resident memory of the test process "
                    + Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(line -> line.startsWith("VmHWM")).findFirst().orElse("unknown"));
        }
        finally {
            for (Service service : SERVICES) {
                service.context().close();
                if (service.schema() != null) {
                    TestPostgres.drop(service.schema());
                }
            }
            SERVICES.clear();
        }
    }

    @Property(tries = 700, seed = "20261130")
    void trainingRequests(@ForAll("services") Service service, @ForAll("trainingBodies") Body body)
            throws Exception {
        assertSafe(send(service, "POST", "/models", body));
    }

    @Property(tries = 500, seed = "20261131")
    void predictionsAndEvaluations(@ForAll("services") Service service, @ForAll("rows") Body body,
            @ForAll("references") int model, @ForAll boolean evaluate) throws Exception {
        String id = new ArrayList<>(service.references().keySet()).get(model % service.references().size());
        assertSafe(send(service, "POST", "/models/" + id + (evaluate ? "/evaluate" : "/predict"), body));
    }

    @Property(tries = 300, seed = "20261132")
    void jsonDataSets(@ForAll("services") Service service, @ForAll("dataSets") Body body,
            @ForAll("queryValues") String name) throws Exception {
        assertSafe(send(service, "POST", "/datasets?name=" + query(name), body));
    }

    @Property(tries = 400, seed = "20261133")
    void csvDataSets(@ForAll("services") Service service, @ForAll("csvFiles") Body body,
            @ForAll("targets") String targets) throws Exception {
        assertSafe(send(service, "POST", "/datasets?targets=" + query(targets), body));
    }

    @Property(tries = 300, seed = "20261136")
    void binaryDataSets(@ForAll("services") Service service, @ForAll("binaryFiles") Body body,
            @ForAll("targets") String targets) throws Exception {
        assertSafe(send(service, "POST", "/datasets?targets=" + query(targets), body));
    }

    @Property(tries = 700, seed = "20261134")
    void reads(@ForAll("services") Service service, @ForAll("reads") String template, @ForAll("queryValues") String q,
            @ForAll("anyIds") String id) throws Exception {
        String path = template.replace("{id}", UriUtils.encodePathSegment(resolve(service, id),
                StandardCharsets.UTF_8)).replace("{q}", query(q));
        assertSafe(send(service, "GET", path, null));
    }

    @Property(tries = 300, seed = "20261137")
    void lookingInside(@ForAll("services") Service service, @ForAll("rows") Body body,
            @ForAll("references") int model, @ForAll("insights") String action) throws Exception {
        String id = new ArrayList<>(service.references().keySet()).get(model % service.references().size());
        assertSafe(send(service, "POST", "/models/" + id + "/" + action, body));
    }

    /** The protocol's paths answer errors in its own form, {"error": "…"}, and never a 5xx. */
    @Property(tries = 300, seed = "20261138")
    void inferenceProtocol(@ForAll("services") Service service, @ForAll("inferenceBodies") Body body,
            @ForAll("references") int model) throws Exception {
        String id = new ArrayList<>(service.references().keySet()).get(model % service.references().size());
        HttpResponse<String> response = send(service, "POST", "/v2/models/" + id + "/infer", body);
        String where = "POST /v2/models/" + id + "/infer";
        assertThat(response.statusCode()).as("%s answered %s", where, response.body()).isLessThan(500);
        boolean filtered = response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json");
        if (response.statusCode() >= 400 && filtered) {
            // refused before the protocol's controller (body size, media type): the service's own problem
            assertSafe(response);
        }
        else if (response.statusCode() >= 400) {
            assertThat(ApiClient.json(response.body()).get("error").asString()).as(where).isNotBlank()
                    .doesNotContain("Exception", "org.springframework");
        }
    }

    @Property(tries = 300, seed = "20261139")
    void searches(@ForAll("services") Service service, @ForAll("searchBodies") Body body,
            @ForAll("anyIds") String id, @ForAll boolean control) throws Exception {
        String target = UriUtils.encodePathSegment(resolve(service, id), StandardCharsets.UTF_8);
        assertSafe(send(service, "POST", control ? "/searches/" + target + "/register" : "/searches", body));
    }

    @Property(tries = 400, seed = "20261135")
    void stopCancelAndDelete(@ForAll("services") Service service, @ForAll("anyIds") String id,
            @ForAll("controls") String action, @ForAll("rows") Body body) throws Exception {
        String target = UriUtils.encodePathSegment(resolve(service, id), StandardCharsets.UTF_8);
        boolean delete = action.equals("DELETE");
        if (delete && service.references().containsKey(resolve(service, id))) {
            return;
        }
        assertSafe(send(service, delete ? "DELETE" : "POST", "/models/" + target + (delete ? "" : "/" + action),
                body));
    }

    @Provide
    Arbitrary<Service> services() {
        return Arbitraries.of(SERVICES);
    }

    @Provide
    Arbitrary<Body> trainingBodies() {
        return HostileRequests.json(TRAINING_REQUESTS);
    }

    @Provide
    Arbitrary<Body> searchBodies() {
        return HostileRequests.json(SEARCHES);
    }

    @Provide
    Arbitrary<Body> rows() {
        return HostileRequests.json(ROWS);
    }

    @Provide
    Arbitrary<Integer> references() {
        return Arbitraries.integers().between(0, 10);
    }

    @Provide
    Arbitrary<Body> dataSets() {
        return HostileRequests.json(DATASETS);
    }

    @Provide
    Arbitrary<Body> csvFiles() {
        return HostileRequests.csv(CSV_FILES);
    }

    @Provide
    Arbitrary<Body> binaryFiles() {
        return HostileFiles.files();
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(Arbitraries.of("species", "y", "a,y", "species,species"),
                HostileRequests.queryValues());
    }

    @Provide
    Arbitrary<String> queryValues() {
        return HostileRequests.queryValues();
    }

    @Provide
    Arbitrary<String> reads() {
        return Arbitraries.of(READS);
    }

    @Provide
    Arbitrary<String> anyIds() {
        return HostileRequests.ids(List.of(MODEL, DATASET));
    }

    @Provide
    Arbitrary<String> insights() {
        return Arbitraries.of("trace", "sensitivity", "gradient-check");
    }

    @Provide
    Arbitrary<Body> inferenceBodies() {
        return HostileRequests.json(INFERENCE_REQUESTS);
    }

    @Provide
    Arbitrary<String> controls() {
        return Arbitraries.of("stop", "cancel", "DELETE");
    }

    private static Service start(String name, String url, String user, String schema) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--backprop.training.threads=1",
                "--backprop.training.queue-capacity=20", "--backprop.training.max-duration=5s",
                "--backprop.limits.max-request-size=2MB"));
        if (schema != null) {
            arguments.add("--spring.flyway.schemas=" + schema);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BackpropApplication.class)
                .run(arguments.toArray(String[]::new));
        ApiClient api = new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        String xor = api.train(ApiClient.xor(2000));
        String datasetId = api.http().post().uri("/datasets?targets=species").contentType(
                org.springframework.http.MediaType.parseMediaType("text/csv")).body(IRIS).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asString();
        String iris = api.train(TRAINING_REQUESTS.get(4).replace("20", "500").replace(DATASET, datasetId));
        Map<String, String> references = Map.of(xor, "{\"features\": [[0,0],[0,1],[1,0],[1,1]]}", iris,
                "{\"features\": [[1.4,0.2],[5.9,2.4]]}");
        Map<String, String> answers = new java.util.HashMap<>();
        references.forEach((id, rows) -> {
            api.awaitSucceeded(id);
            answers.put(id, api.post("/models/" + id + "/predict", rows).toString());
        });
        return new Service(name, context, schema, "http://localhost:" + port(context), datasetId, references,
                answers);
    }

    private static int port(Service service) {
        return port(service.context());
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Stands the service's own data set and reference model in for their placeholders. */
    private static String resolve(Service service, String text) {
        return text.replace(DATASET, service.datasetId()).replace(MODEL, service.references().keySet().iterator()
                .next());
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(Service service, String method, String path, Body body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base() + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            byte[] bytes = resolve(service, new String(body.bytes(), StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (!body.contentType().isEmpty()) {
                request.header("Content-Type", body.contentType());
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Below 500, and an error is problem+json that names its status and shows no internals. */
    private static void assertSafe(HttpResponse<String> response) {
        String where = response.request().method() + " " + response.request().uri();
        assertThat(response.statusCode()).as("%s answered %s", where, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(where)
                    .startsWith("application/problem+json");
            JsonNode problem = ApiClient.json(response.body());
            assertThat(problem.get("status").asInt()).as(where).isEqualTo(response.statusCode());
            assertThat(response.body()).as(where).doesNotContain("Exception", "\tat ", "org.springframework");
        }
    }
}
