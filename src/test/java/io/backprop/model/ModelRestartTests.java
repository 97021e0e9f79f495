package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.BackpropApplication;
import io.backprop.support.ApiClient;
import tools.jackson.databind.JsonNode;

/** Nothing accepted is lost when the process stops: whole application contexts on one database file. */
class ModelRestartTests {

    @TempDir
    Path directory;

    /**
     * One restart, three models: one that succeeded predicts exactly as before, one left training goes on from
     * the checkpoint it kept as the process stopped, and one a crashed process left marked RUNNING (what kill -9
     * leaves) is picked up again.
     */
    @Test
    void restartShouldKeepFinishedModelsAndRunUnfinishedJobsAgain() throws SQLException {
        String succeeded;
        String before;
        String running;
        JsonNode interrupted;
        String crashed;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            succeeded = api.train(ApiClient.xor(3000));
            crashed = api.train(ApiClient.xor(200));
            api.awaitSucceeded(succeeded);
            api.awaitSucceeded(crashed);
            before = api.predict(succeeded, ApiClient.GATES).toString();
            first.getBean(JdbcTemplate.class).update(
                    "UPDATE model SET status = 'RUNNING', epoch = 17, metrics = NULL WHERE id = ?", crashed);
            first.getBean(JdbcTemplate.class).update("DELETE FROM model_result WHERE model_id = ?", crashed);
            running = api.train(ApiClient.LONG);
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/models/" + running).at("/progress/epoch").asInt() > 0);
            interrupted = api.get("/models/" + running);
        }
        assertThat(statusInDatabase(running)).as("a stopping process leaves its jobs as they are").isEqualTo("RUNNING");

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            assertThat(api.get("/models/" + succeeded).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(api.predict(succeeded, ApiClient.GATES).toString()).as("bit-identical outputs").isEqualTo(before);
            JsonNode resumed = api.awaitStatus(running, "RUNNING", Duration.ofSeconds(10));
            assertThat(Instant.parse(resumed.get("startedAt").asString()))
                    .isAfter(Instant.parse(interrupted.get("startedAt").asString()));
            assertThat(resumed.at("/progress/epoch").asInt()).as("from the checkpoint it kept as it stopped")
                    .isGreaterThanOrEqualTo(interrupted.at("/progress/epoch").asInt());
            assertThat(api.awaitSucceeded(crashed).at("/progress/epoch").asInt()).isEqualTo(200);
            api.http().delete().uri("/models/" + running).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void stoppingShouldEndOpenEventStreamsRatherThanWaitForThem() throws Exception {
        ConfigurableApplicationContext context = start();
        ApiClient api = client(context);
        String id = api.train(ApiClient.LONG);
        api.awaitStatus(id, "RUNNING", Duration.ofSeconds(10));
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + context.getEnvironment().getRequiredProperty("local.server.port") + "/models/" + id
                        + "/events")).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.util.concurrent.CompletableFuture<java.util.List<String>> lines = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> stream.body().toList());

        long closing = System.nanoTime();
        context.close();

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        java.util.List<String> received = lines.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received).containsSubsequence("event:state", "event:end");
        JsonNode end = ApiClient.json(received.get(received.indexOf("event:end") + 1).substring("data:".length()));
        assertThat(end.get("id").asString()).isEqualTo(id);
        assertThat(end.get("shutdown").asBoolean()).isTrue();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BackpropApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url());
    }

    private String statusInDatabase(String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                PreparedStatement query = connection.prepareStatement("SELECT status FROM model WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private String url() {
        return "jdbc:h2:file:" + directory.resolve("backprop") + ";WRITE_DELAY=0";
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
