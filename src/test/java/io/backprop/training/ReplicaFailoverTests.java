package io.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.backprop.support.ApiClient;
import io.backprop.support.EnabledIfPostgres;
import io.backprop.support.ReplicaProcess;
import io.backprop.support.TestPostgres;
import tools.jackson.databind.JsonNode;

/** Replicas in processes of their own on one PostgreSQL: killed hard, or stopped with SIGTERM, mid-job. */
@EnabledIfPostgres
class ReplicaFailoverTests {

    /** Heartbeats every 500 ms, dead after 4 missed; a checkpoint at most every second. */
    private static final String[] QUICK = {"--backprop.training.threads=2",
        "--backprop.training.polling-interval=200ms", "--backprop.training.heartbeat-interval=500ms",
        "--backprop.training.missed-heartbeats=4", "--backprop.training.progress-interval=100ms",
        "--backprop.training.checkpoint-interval=1s"};

    private final String schema = "backprop_failover_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void dropSchema() throws SQLException {
        TestPostgres.drop(schema);
    }

    @Test
    void aJobWhoseReplicaIsKilledShouldFinishOnAnotherFromItsCheckpointBitForBit() throws Exception {
        try (ReplicaProcess a = ReplicaProcess.start("replica-a", schema, QUICK);
                ReplicaProcess b = ReplicaProcess.start("replica-b", schema, QUICK)) {
            String id = a.api().train(job(3));
            String runner = worker(a.api(), id);
            ReplicaProcess dying = runner.equals(a.name()) ? a : b;
            ReplicaProcess survivor = dying == a ? b : a;
            int checkpointed = awaitCheckpoint(id);

            long killed = System.nanoTime();
            dying.kill();
            // started again: picked by the survivor, which read the checkpoint and moved the model on to it
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> attempts(id) == 2);
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            JsonNode resumed = survivor.api().get("/models/" + id);
            assertThat(resumed.at("/worker/replica").asString()).isEqualTo(survivor.name());
            System.out.printf("Replica killed: its job ran again on %s %.1f s later, from epoch %d%n",
                    survivor.name(), takeover.toMillis() / 1000.0, resumed.at("/progress/epoch").asInt());

            assertThat(resumed.at("/progress/epoch").asInt()).as("from its checkpoint")
                    .isGreaterThanOrEqualTo(checkpointed);
            survivor.api().awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(120));
            assertThat(attempts(id)).isEqualTo(2);
            String uninterrupted = survivor.api().train(job(3));
            survivor.api().awaitStatus(uninterrupted, "SUCCEEDED", Duration.ofSeconds(120));
            assertThat(survivor.api().get("/models/" + id + "/parameters"))
                    .isEqualTo(survivor.api().get("/models/" + uninterrupted + "/parameters"));
        }
    }

    @Test
    void sigtermShouldFailNoPredictionInFlightAndHandItsJobsBackToGoOnFromCheckpoints() throws Exception {
        List<String> jobs;
        List<String> answers = new ArrayList<>();
        try (ReplicaProcess a = ReplicaProcess.start("replica-a", schema, QUICK)) {
            String served = a.api().train(ApiClient.xor(100));
            a.api().awaitSucceeded(served);
            jobs = List.of(a.api().train(job(1)), a.api().train(job(2)));
            for (String id : jobs) {
                worker(a.api(), id);
                awaitCheckpoint(id);
            }
            // predictions in flight: accepted and being read when the signal comes, their bodies sent after it
            List<Socket> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(startPrediction(a, served));
            }
            // a fixed pause once let the signal come before Tomcat had taken up one of them (an empty answer)
            awaitPostsInFlight(a, 3);

            Thread stopping = new Thread(() -> {
                try {
                    a.terminate(Duration.ofSeconds(60));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stopping.start();
            Thread.sleep(500);
            for (Socket socket : inFlight) {
                answers.add(finishPrediction(socket));
            }
            stopping.join(60_000);
        }
        assertThat(answers).hasSize(3).allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 200")
                .contains("\"outputs\""));
        for (String id : jobs) {
            assertThat(status(id)).as("handed back, not ended").isEqualTo("RUNNING");
        }

        try (ReplicaProcess again = ReplicaProcess.start("replica-a", schema, QUICK)) {
            for (String id : jobs) {
                JsonNode done = again.api().awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(120));
                assertThat(attempts(id)).as("started twice: before and after the restart").isEqualTo(2);
                assertThat(done.at("/progress/epoch").asInt()).isEqualTo(EPOCHS);
            }
        }
    }

    private static final String PREDICTION = "{\"features\": [[0, 1], [1, 1]]}";

    /** Sends a prediction's headers and the first half of its body. */
    private static Socket startPrediction(ReplicaProcess replica, String id) throws IOException {
        Socket socket = new Socket("localhost", replica.uri("/").getPort());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("POST /models/" + id + "/predict HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + PREDICTION.length() + "\r\n"
                + "Connection: close\r\n\r\n" + PREDICTION.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Waits until the replica is answering {@code count} POSTs: their headers read, their bodies awaited. */
    private static void awaitPostsInFlight(ReplicaProcess replica, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> replica.api().http().get().uri("/actuator/prometheus").exchange()
                        .expectBody(String.class).returnResult().getResponseBody().lines()
                        .filter(line -> line.startsWith("http_server_requests_active_seconds_count{")
                                && line.contains("method=\"POST\""))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum(),
                        active -> active >= count);
    }

    /** Sends the rest of the body: the whole answer. */
    private static String finishPrediction(Socket socket) throws IOException {
        try (socket) {
            socket.getOutputStream().write(PREDICTION.substring(10).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A job of several seconds in float64 with shuffled mini-batches and Adam; {@code seed} varies it. */
    private static String job(long seed) {
        Random random = new Random(5);
        StringBuilder features = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            double[] row = random.doubles(10, -1, 1).toArray();
            features.append(i == 0 ? "" : ",").append(java.util.Arrays.toString(row));
            targets.append(i == 0 ? "" : ",").append(row[0] * row[1] + row[2] > 0 ? "[1]" : "[0]");
        }
        return """
                {"name": "failover", "dataset": {"features": [%s], "targets": [%s]},
                 "architecture": {"layers": [{"units": 64, "activation": "tanh", "init": "xavier"},
                                             {"units": 64, "activation": "tanh", "init": "xavier"}, {"units": 1}]},
                 "training": {"epochs": %d, "batchSize": 20, "learningRate": 0.01, "optimizer": "adam",
                              "seed": %d}}""".formatted(features, targets, EPOCHS, seed);
    }

    private static final int EPOCHS = 3_000;

    private static String worker(ApiClient api, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/models/" + id).at("/worker/replica").asString(null), name -> name != null);
    }

    private int awaitCheckpoint(String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> query("SELECT epochs FROM model_checkpoint WHERE model_id = ?", id), epochs ->
                        epochs != null && Integer.parseInt(epochs) > 0).transform(Integer::parseInt);
    }

    private int attempts(String id) throws SQLException {
        return Integer.parseInt(query("SELECT attempts FROM model WHERE id = ?", id));
    }

    private String status(String id) throws SQLException {
        return query("SELECT status FROM model WHERE id = ?", id);
    }

    private String query(String sql, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestPostgres.URL + "?currentSchema=" + schema,
                TestPostgres.USER, ""); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
