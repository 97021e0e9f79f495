package io.backprop.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.backprop.support.ApiClient;
import io.backprop.support.ChunkedPost;
import io.backprop.support.HttpApiTests;
import io.backprop.support.KeyedServiceTest;
import tools.jackson.databind.JsonNode;

/** Keys, roles, owners, quotas, rate limits and the cost ceiling, over real HTTP on a service that needs keys. */
@KeyedServiceTest
class AccessTests extends HttpApiTests {

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient admin() {
        return new ApiClient(port, KeyedServiceTest.ADMIN_KEY);
    }

    /** A new key for a new owner (unique per call, so tests do not share quotas); its id and key. */
    private JsonNode newKey(String role) {
        return newKey("owner-" + UUID.randomUUID(), role);
    }

    private JsonNode newKey(String owner, String role) {
        return admin().create("/admin/keys", Map.of("owner", owner, "role", role));
    }

    private ApiClient client(JsonNode key) {
        return new ApiClient(port, key.get("key").asString());
    }

    /** A model the client trained, once it has succeeded. */
    private static String trainedXor(ApiClient client) {
        String id = client.train(ApiClient.xor(10));
        client.awaitSucceeded(id);
        return id;
    }

    @Test
    void withoutAKeyEveryRequestButHealthAndThePageIs401() {
        for (String path : List.of("/models", "/datasets", "/admin/keys", "/admin/audit", "/actuator/info",
                "/actuator/prometheus", "/registry", "/v2/models/xor")) {
            api.http().get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Authorization"));
        }
        api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.xor(10)).exchange()
                .expectStatus().isUnauthorized();
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/", "/app.js", "/v3/api-docs", "/v2", "/v2/health/live", "/v2/health/ready")) {
            api.http().get().uri(path).exchange().expectStatus().isOk();
        }
        api.http().get().uri("/models").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-key").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail")
                .isEqualTo("The key is unknown or was revoked.");
        api.http().get().uri("/models").header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail")
                .isEqualTo("This request needs an API key: send Authorization: Bearer <key>.");
    }

    @Test
    void aReaderReadsAndPredictsButMayNotTrainOrManage() {
        JsonNode trainerKey = newKey("trainer");
        ApiClient trainer = client(trainerKey);
        String id = trainedXor(trainer);
        ApiClient reader = client(newKey(trainerKey.get("owner").asString(), "reader"));

        assertThat(reader.get("/models").get("content").valueStream().map(m -> m.get("id").asString()))
                .containsExactly(id);
        reader.get("/models/" + id);
        reader.predict(id, ApiClient.GATES);

        reader.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.xor(10))
                .exchange().expectStatus().isForbidden().expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody().jsonPath("$.type")
                .isEqualTo("/problems/forbidden").jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("A reader key may not POST /models"));
        reader.http().post().uri("/datasets").contentType(MediaType.valueOf("text/csv")).body("a,b\n1,2\n3,4\n")
                .exchange().expectStatus().isForbidden();
        reader.http().get().uri("/admin/keys").exchange().expectStatus().isForbidden();
        reader.http().get().uri("/actuator/info").exchange().expectStatus().isForbidden();
        trainer.http().get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();
        trainer.http().get().uri("/admin/audit").exchange().expectStatus().isForbidden();
        trainer.http().post().uri("/admin/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", "me", "role", "admin")).exchange().expectStatus().isForbidden();
        reader.http().post().uri("/models/" + id + "/cancel").exchange().expectStatus().isForbidden();
        reader.http().delete().uri("/models/" + id).exchange().expectStatus().isForbidden();
        admin().http().get().uri("/actuator/info").exchange().expectStatus().isOk();
        admin().http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        JsonNode key = newKey("trainer");
        ApiClient trainer = client(key);
        trainer.get("/models");

        admin().http().delete().uri("/admin/keys/" + key.get("id").asString()).exchange().expectStatus()
                .isNoContent();

        trainer.http().get().uri("/models").exchange().expectStatus().isUnauthorized();
        JsonNode listed = admin().get("/admin/keys?size=100").get("content");
        assertThat(listed.valueStream().filter(k -> k.get("id").asString().equals(key.get("id").asString())))
                .singleElement().satisfies(k -> {
                    assertThat(k.get("revokedAt").isNull()).isFalse();
                    assertThat(k.has("key")).isFalse();
                });
    }

    @Test
    void keysAreRandomShownOnceAndStoredOnlyAsTheirHash() throws Exception {
        JsonNode first = newKey("reader");
        JsonNode second = newKey("reader");
        String key = first.get("key").asString();

        assertThat(key).startsWith("bp_");
        assertThat(Base64.getUrlDecoder().decode(key.substring(3))).hasSize(32);
        assertThat(key).isNotEqualTo(second.get("key").asString());
        assertThat(first.get("role").asString()).isEqualTo("reader");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM api_key WHERE id = ?",
                first.get("id").asString());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.substring(3, 20)));
            assertThat(row.get("HASH")).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        });
        assertThat(admin().get("/admin/keys?size=100").toString()).doesNotContain(key);
    }

    @Test
    void anotherOwnersModelAndDataSetAreNotFoundAnywhere() {
        ApiClient owner = client(newKey("trainer"));
        ApiClient other = client(newKey("trainer"));
        String model = owner.train(ApiClient.xor(50));
        owner.awaitSucceeded(model);
        String dataset = owner.create("/datasets", Map.of("features", ApiClient.GATES,
                "targets", new double[][] {{0}, {1}, {1}, {0}})).get("id").asString();
        String xorRows = "{\"features\": [[0,0],[1,1]]}";
        String labelled = "{\"features\": [[0,0],[1,1]], \"targets\": [[0],[0]]}";

        RestTestClient http = other.http();
        List<RestTestClient.ResponseSpec> answers = List.of(
                http.get().uri("/models/" + model).exchange(),
                http.get().uri("/models/" + model + "/parameters").exchange(),
                http.get().uri("/models/" + model + "/learning-curve").exchange(),
                http.get().uri("/models/" + model + "/decision-boundary").exchange(),
                http.get().uri("/models/" + model + "/events").exchange(),
                http.post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                        .body(xorRows).exchange(),
                http.post().uri("/models/" + model + "/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .body(labelled).exchange(),
                http.post().uri("/models/" + model + "/stop").exchange(),
                http.post().uri("/models/" + model + "/cancel").exchange(),
                http.delete().uri("/models/" + model).exchange(),
                http.get().uri("/datasets/" + dataset).exchange(),
                http.delete().uri("/datasets/" + dataset).exchange());
        answers.forEach(answer -> answer.expectStatus().isNotFound());
        // nor can it train on them
        other.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body("""
                {"datasetId": "%s", "architecture": {"layers": [{"units": 1}]}}""".formatted(dataset))
                .exchange().expectStatus().is4xxClientError();
        other.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON)
                .body(ApiClient.xor(10).replace("\"name\": \"xor\",", "\"initFrom\": \"" + model + "\","))
                .exchange().expectStatus().is4xxClientError();
        assertThat(other.get("/models?size=100").get("content")).isEmpty();
        assertThat(other.get("/datasets?size=100").get("content")).isEmpty();
        // nor through the registry or the inference protocol, by its name or its id
        assertThat(other.get("/registry")).isEmpty();
        for (String path : List.of("/registry/xor", "/registry/xor/versions/1", "/v2/models/xor",
                "/v2/models/" + model)) {
            other.http().get().uri(path).exchange().expectStatus().isNotFound();
        }
        owner.get("/registry/xor/versions/1");

        // the owner still has both, and an admin sees everyone's
        owner.predict(model, ApiClient.GATES);
        owner.get("/datasets/" + dataset);
        assertThat(owner.get("/models?size=100").get("content").valueStream().map(m -> m.get("id").asString()))
                .containsExactly(model);
        assertThat(admin().get("/models?size=100").get("content").valueStream().map(m -> m.get("id").asString()))
                .contains(model);
    }

    /** A job of several seconds within the cost ceiling: 6 × 4 rows × 4,417 parameters × 150,000 epochs. */
    private static final String SECONDS_LONG = ApiClient.LONG.replace("1000000", "150000");

    @Test
    void theJobsQuotaRefusesTheNextJobNamingTheQuotaAndOthersAreUnaffected() {
        ApiClient owner = client(newKey("trainer"));
        String first = owner.train(SECONDS_LONG);
        String second = owner.train(SECONDS_LONG);

        owner.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.xor(10))
                .exchange().expectStatus().isEqualTo(429).expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/quota-exceeded")
                .jsonPath("$.quota").isEqualTo("max-active-jobs")
                .jsonPath("$.limit").isEqualTo(2)
                .jsonPath("$.current").isEqualTo(2);
        // small enough to train at once, and trained: refused when stored, nothing of it is kept
        assertThat(owner.get("/models").at("/page/totalElements").asInt()).isEqualTo(2);
        client(newKey("trainer")).train(ApiClient.xor(10));

        owner.post("/models/" + first + "/cancel", Map.of());
        owner.post("/models/" + second + "/cancel", Map.of());
        // two stored and a third: the models quota (3) is reached
        trainedXor(owner);
        owner.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.xor(10))
                .exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.quota").isEqualTo("max-models").jsonPath("$.current").isEqualTo(3);
    }

    @Test
    void anOwnerUploadsOneFileAtATimeWhileOthersStillUpload() throws Exception {
        JsonNode key = newKey("trainer");
        ApiClient owner = client(key);
        ApiClient other = client(newKey("trainer"));
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream first = socket.getOutputStream();
            first.write(ChunkedPost.start("/datasets?targets=y", "text/csv", key.get("key").asString(), "x,y\n1,0\n"));
            first.flush();
            // the first holds its owner's turn once it is being read, a moment after it was sent: until then a
            // second is read (and deleted); a few tries, within the key's rate limit for uploads
            JsonNode second = null;
            for (int attempt = 0; attempt < 10 && (second == null || !second.has("type")); attempt++) {
                Thread.sleep(300);
                var answer = owner.http().post().uri("/datasets?targets=y").contentType(MediaType.valueOf("text/csv"))
                        .body("x,y\n1,0\n").exchange().returnResult(String.class);
                second = ApiClient.json(answer.getResponseBody());
                if (answer.getStatus().value() == 201) {
                    owner.http().delete().uri("/datasets/" + second.get("id").asString()).exchange().expectStatus()
                            .isNoContent();
                }
            }
            assertThat(second.get("type").asString()).isEqualTo("/problems/too-many-uploads");
            assertThat(second.get("detail").asString()).contains("one at a time");
            other.http().post().uri("/datasets?targets=y").contentType(MediaType.valueOf("text/csv"))
                    .body("x,y\n1,0\n2,1\n").exchange().expectStatus().isCreated();

            first.write(ChunkedPost.end("2,1\n"));
            first.flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 201");
        }
        owner.http().post().uri("/datasets?targets=y").contentType(MediaType.valueOf("text/csv"))
                .body("x,y\n1,0\n").exchange().expectStatus().isCreated();
    }

    @Test
    void theRowsQuotaRefusesAnUploadAndKeepsNothingOfIt() {
        ApiClient owner = client(newKey("trainer"));
        String csv = "a,b\n" + "1,2\n".repeat(8);
        owner.http().post().uri("/datasets?targets=b").contentType(MediaType.valueOf("text/csv")).body(csv)
                .exchange().expectStatus().isCreated();

        owner.http().post().uri("/datasets?targets=b").contentType(MediaType.valueOf("text/csv"))
                .body("a,b\n1,2\n3,4\n5,6\n")
                .exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.quota").isEqualTo("max-dataset-rows")
                .jsonPath("$.current").isEqualTo(8).jsonPath("$.limit").isEqualTo(10);

        assertThat(owner.get("/datasets").get("content")).hasSize(1);
    }

    @Test
    void predictionsPastTheRateAre429WithRetryAfterAndOtherKeysAreUnaffected() {
        ApiClient owner = client(newKey("trainer"));
        String model = trainedXor(owner);
        String rows = "{\"features\": [[0,1]]}";

        for (int remaining = 4; remaining >= 0; remaining--) {
            owner.http().post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON)
                    .body(rows).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", "5")
                    .expectHeader().valueEquals("RateLimit-Remaining", String.valueOf(remaining))
                    .expectHeader().exists("RateLimit-Reset");
        }
        owner.http().post().uri("/models/" + model + "/predict").contentType(MediaType.APPLICATION_JSON).body(rows)
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, after -> assertThat(Long.parseLong(after))
                        .isBetween(1L, 12L))
                .expectHeader().valueEquals("RateLimit-Remaining", "0")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rate-limited");

        ApiClient other = client(newKey("trainer"));
        String its = trainedXor(other);
        other.http().post().uri("/models/" + its + "/predict").contentType(MediaType.APPLICATION_JSON).body(rows)
                .exchange().expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "4");
        // the admin is not limited
        for (int i = 0; i < 7; i++) {
            admin().predict(model, ApiClient.GATES);
        }
    }

    @Test
    void aRequestAboveTheCostCeilingIsRefusedBeforeAnythingIsStoredOrQueued() {
        ApiClient owner = client(newKey("trainer"));
        int models = count("model");
        int rowSets = count("row_set");
        int jobs = count("scheduled_tasks");

        // 6 × 4 rows × 4,417 parameters × 1,000,000 epochs = 1.06·10¹¹ > 2·10¹⁰
        owner.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(ApiClient.LONG)
                .exchange().expectStatus().isEqualTo(422).expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/job-too-costly")
                .jsonPath("$.estimatedFlops").isEqualTo(1.06008e11)
                .jsonPath("$.budgetFlops").isEqualTo(2e10)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("training.epochs")
                        .contains("backprop.limits.max-training-flops"));

        assertThat(count("model")).isEqualTo(models);
        assertThat(count("row_set")).isEqualTo(rowSets);
        assertThat(count("scheduled_tasks")).isEqualTo(jobs);
    }

    /** A grid search over XOR with {@code units} hidden units, one trial per learning rate. */
    private static String search(int units, int epochs, String rates) {
        return """
                {"base": %s, "space": {"training.learningRate": [%s], "architecture.layers[0].units": [%d]},
                 "objective": {"metric": "training.cost"}, "budget": {"parallel": 1}}""".formatted(ApiClient.xor(epochs),
                rates, units);
    }

    private static String start(ApiClient client, String search) {
        return ApiClient.json(client.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON)
                .body(search).exchange().expectStatus().isAccepted().expectBody(String.class).returnResult()
                .getResponseBody()).get("id").asString();
    }

    @Test
    void searchesBelongToTheirOwnerAndCountAsTheSumOfTheirTrials() {
        JsonNode trainerKey = newKey("trainer");
        ApiClient trainer = client(trainerKey);
        ApiClient reader = client(newKey(trainerKey.get("owner").asString(), "reader"));
        ApiClient stranger = client(newKey("trainer"));
        reader.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON).body(search(3, 10, "1.0"))
                .exchange().expectStatus().isForbidden();
        String id = start(trainer, search(3, 10, "0.5, 1.0"));

        assertThat(reader.get("/searches/" + id).get("id").asString()).isEqualTo(id);
        stranger.http().get().uri("/searches/{id}", id).exchange().expectStatus().isNotFound();
        stranger.http().post().uri("/searches/{id}/cancel", id).exchange().expectStatus().isNotFound();
        assertThat(stranger.get("/searches").valueStream().map(s -> s.get("id").asString())).doesNotContain(id);
        // its second trial is stored when the first ends: counted below, it would make the search refused seem stored
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reader.get("/searches/" + id).get("status")
                .asString().equals("SUCCEEDED"));

        // 2 trials × 6 × 4 rows × 513 parameters × 1,000,000 epochs = 2.46·10¹⁰ > 2·10¹⁰, each alone below
        int models = count("model");
        int searches = count("model_search");
        trainer.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON)
                .body(search(128, 1_000_000, "0.1, 0.2")).exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/job-too-costly")
                .jsonPath("$.estimatedFlops").isEqualTo(2.46240e10);
        assertThat(count("model")).isEqualTo(models);
        assertThat(count("model_search")).isEqualTo(searches);

        // two long searches run at once; the owner's third waits
        ApiClient busy = client(newKey("trainer"));
        List<String> running = List.of(start(busy, search(128, 1_000_000, "0.1")),
                start(busy, search(128, 1_000_000, "0.2")));
        busy.http().post().uri("/searches").contentType(MediaType.APPLICATION_JSON).body(search(3, 10, "1.0"))
                .exchange().expectStatus().isEqualTo(429).expectHeader().exists("Retry-After").expectBody()
                .jsonPath("$.type").isEqualTo("/problems/too-many-searches");
        running.forEach(search -> assertThat(busy.post("/searches/" + search + "/cancel", Map.of()).get("status")
                .asString()).isEqualTo("CANCELLED"));
    }

    @Test
    void aSearchEndsWhenTheKeyThatStartedItIsRevoked() {
        JsonNode key = newKey("trainer");
        ApiClient trainer = client(key);
        String id = start(trainer, search(128, 800_000, "0.1, 0.2"));
        ApiClient reader = client(newKey(key.get("owner").asString(), "reader"));

        admin().http().delete().uri("/admin/keys/{id}", key.get("id").asString()).exchange().expectStatus()
                .is2xxSuccessful();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reader.get("/searches/" + id).get("status")
                .asString().equals("CANCELLED"));
        JsonNode search = reader.get("/searches/" + id);
        assertThat(search.get("outcome").asString()).isEqualTo("the key that started it was revoked");
        String trial = search.at("/trials/0/modelId").asString();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reader.get("/models/" + trial).get("status")
                .asString().equals("CANCELLED"));
        assertThat(search.at("/trials/1/status").asString()).isEqualTo("SKIPPED");
    }

    @Test
    void theAuditTrailSaysWhoDidWhat() {
        JsonNode key = newKey("trainer");
        ApiClient owner = client(key);
        String model = trainedXor(owner);
        owner.http().delete().uri("/models/" + model).exchange().expectStatus().isNoContent();

        JsonNode events = admin().get("/admin/audit?size=1000").get("content");
        assertThat(events.valueStream().filter(e -> e.get("resource").asString().equals("model/" + model))
                .map(e -> e.get("action").asString() + " by " + e.get("keyId").asString()))
                .containsExactly("model.delete by " + key.get("id").asString(),
                        "model.create by " + key.get("id").asString());
        assertThat(events.valueStream().filter(e -> e.get("resource").asString()
                .equals("key/" + key.get("id").asString())).map(e -> e.get("action").asString() + " by "
                        + e.get("keyId").asString())).containsExactly("key.create by admin");
    }

    @Test
    void noCorsUnlessOriginsAreConfigured() {
        api.http().method(HttpMethod.OPTIONS).uri("/models").header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return count == null ? 0 : count;
    }
}
