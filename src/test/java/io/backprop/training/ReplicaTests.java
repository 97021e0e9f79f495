package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.BackpropApplication;
import io.backprop.support.ApiClient;
import io.backprop.support.EnabledIfPostgres;
import io.backprop.support.TestPostgres;
import tools.jackson.databind.JsonNode;

/** Two replicas (whole application contexts) on one PostgreSQL database, as behind a load balancer. */
@EnabledIfPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaTests {

    private final String schema = "backprop_replicas_" + Long.toHexString(System.nanoTime());
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private ApiClient apiA;
    private ApiClient apiB;
    private JdbcTemplate jdbc;

    @BeforeAll
    void startTwoReplicas() {
        a = start("replica-a");
        b = start("replica-b");
        apiA = client(a);
        apiB = client(b);
        jdbc = a.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stopThem() throws Exception {
        b.close();
        a.close();
        TestPostgres.drop(schema);
    }

    @Test
    void everyJobShouldRunExactlyOnceWhicheverReplicaAcceptsIt() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add((i % 2 == 0 ? apiA : apiB).train(ApiClient.xor(300)));
        }

        for (String id : ids) {
            (ids.indexOf(id) % 2 == 0 ? apiB : apiA).awaitSucceeded(id);
        }
        for (String id : ids) {
            assertThat(jdbc.queryForObject("SELECT attempts FROM model WHERE id = ?", Integer.class, id))
                    .as("executions of " + id).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Integer.class)).isZero();
        // both replicas numbered versions of the one name, each number once
        assertThat(ids.stream().map(id -> apiA.get("/models/" + id).get("version").asInt()).distinct())
                .hasSize(ids.size());
    }

    @Test
    void bothReplicasAdvanceASearchWithinItsParallelBoundEachTrialOnce() {
        String search = ApiClient.json(apiA.http().post().uri("/searches")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body("""
                        {"base": %s, "space": {"training.learningRate": [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6]},
                         "objective": {"metric": "training.cost"}, "budget": {"parallel": 2}}"""
                        .formatted(ApiClient.xor(300))).exchange().expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();
        int most = 0;
        long until = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (!apiB.get("/searches/" + search).get("status").asString().equals("SUCCEEDED")
                && System.nanoTime() < until) {
            most = Math.max(most, jdbc.queryForObject("SELECT COUNT(*) FROM model WHERE search_id = ? AND status IN "
                    + "('QUEUED', 'RUNNING')", Integer.class, search));
        }

        assertThat(apiB.get("/searches/" + search).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(most).as("trials training at once").isBetween(1, 2);
        assertThat(jdbc.queryForList("SELECT trial FROM model WHERE search_id = ? ORDER BY trial", Integer.class,
                search)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(jdbc.queryForList("SELECT attempts FROM model WHERE search_id = ?", Integer.class, search))
                .containsOnly(1);
    }

    @Test
    void anAliasMovedOnOneReplicaIsFollowedByTheOtherWithinASecond() {
        String name = "moved-" + Long.toHexString(System.nanoTime());
        String rows = "{\"features\": [[0,1]]}";
        List<JsonNode> outputs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            String id = apiA.train(ApiClient.xor(100).replace("\"name\": \"xor\"", "\"name\": \"" + name + "\"")
                    .replace("\"seed\": 7", "\"seed\": " + seed));
            apiA.awaitSucceeded(id);
            outputs.add(apiA.post("/models/" + id + "/predict", rows).get("outputs"));
        }
        String alias = "/registry/" + name + "/aliases/champion";
        apiA.http().put().uri(alias).contentType(MediaType.APPLICATION_JSON).body("{\"version\": 1}").exchange()
                .expectStatus().isOk();
        assertThat(apiB.post(alias + "/predict", rows).get("outputs")).isEqualTo(outputs.get(0));

        apiA.http().put().uri(alias).contentType(MediaType.APPLICATION_JSON).body("{\"version\": 2}").exchange()
                .expectStatus().isOk();

        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> apiB.post(alias + "/predict", rows).get("outputs").equals(outputs.get(1)));
    }

    @Test
    void stopAndCancelShouldReachAJobFromTheOtherReplica() {
        String stopped = apiA.train(ApiClient.LONG);
        ApiClient other = otherThan(runner(stopped));
        JsonNode afterStop = other.post("/models/" + stopped + "/stop", "");
        assertThat(afterStop.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(afterStop.at("/outcome/ending").asString()).isEqualTo("stopped");

        String cancelled = apiB.train(ApiClient.LONG);
        String replica = runner(cancelled);
        assertThat(otherThan(replica).post("/models/" + cancelled + "/cancel", "").get("status").asString())
                .isEqualTo("CANCELLED");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class, cancelled) == 0);
    }

    @Test
    void eventsAndTheCurveShouldFollowAJobTrainingOnTheOtherReplica() throws Exception {
        String id = apiA.train(ApiClient.LONG);
        ApiClient other = otherThan(runner(id));
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port(other == apiA ? a : b) + "/models/" + id
                        + "/events")).build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                .filter("event:progress"::equals).count() >= 2);
        Awaitility.await("the curve up to the last checkpoint").atMost(Duration.ofSeconds(5))
                .until(() -> other.get("/models/" + id + "/learning-curve").get("points").size() > 0);
        other.post("/models/" + id + "/cancel", "");

        reading.get(10, TimeUnit.SECONDS);
        assertThat(lines).containsSubsequence("event:state", "event:progress", "event:end");
        JsonNode end = ApiClient.json(lines.get(lines.indexOf("event:end") + 1).substring("data:".length()));
        assertThat(end.get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aModelDeletedOnOneReplicaShouldStopAnsweringOnTheOtherWithinASecond() {
        String id = apiA.train(ApiClient.xor(100));
        apiA.awaitSucceeded(id);
        apiB.predict(id, ApiClient.GATES);

        apiA.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
        long deleted = System.nanoTime();

        Awaitility.await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> apiB.http()
                .post().uri("/models/" + id + "/predict").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body("{\"features\": [[0, 1]]}").exchange().returnResult().getStatus().value() == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - deleted)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void eachReplicaShouldReportItsJobEngineInItsHealth() {
        assertThat(apiA.get("/actuator/health/jobs").get("status").asString()).isEqualTo("UP");
        assertThat(apiB.get("/actuator/health/jobs").get("status").asString()).isEqualTo("UP");
    }

    /** Waits until the job runs, and returns the replica running it, as its view says. */
    private String runner(String id) {
        JsonNode running = apiA.awaitStatus(id, "RUNNING", Duration.ofSeconds(10));
        JsonNode worker = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> apiB.get("/models/" + id).get("worker"), node -> node != null && !node.isNull());
        assertThat(worker.get("lastHeartbeat").isNull()).as("heartbeat of " + running.get("id")).isFalse();
        return worker.get("replica").asString();
    }

    private ApiClient otherThan(String replica) {
        assertThat(replica).isIn("replica-a", "replica-b");
        return replica.equals("replica-a") ? apiB : apiA;
    }

    private ConfigurableApplicationContext start(String replica) {
        return new SpringApplicationBuilder(BackpropApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + TestPostgres.URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema, "--backprop.training.replica=" + replica,
                "--backprop.training.threads=2", "--backprop.training.polling-interval=200ms",
                "--backprop.training.heartbeat-interval=500ms", "--backprop.training.missed-heartbeats=4",
                "--backprop.training.progress-interval=100ms", "--backprop.training.follow-interval=100ms",
                "--backprop.training.checkpoint-interval=200ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(port(context));
    }
}
