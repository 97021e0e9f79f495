package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.backprop.support.ServiceTest;
import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.training.TrainingEvents;
import tools.jackson.databind.JsonNode;

/** Failing well, watching a job live, stopping it and carrying on from where it ended. */
@ServiceTest
class TrainingControlTests extends HttpApiTests {

    /** XOR through ReLU units and a linear output: at learning rate 50 its cost explodes. */
    private static final String EXPLODING = """
            {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]},
             "architecture": {"layers": [{"units": 3, "activation": "relu", "init": "he"},
                                         {"units": 1, "activation": "identity", "init": "xavier"}]},
             "training": {"epochs": 5000, "learningRate": 50, "seed": 1}}""";

    @Autowired
    TrainingEvents events;

    @Test
    void learningRate50OnXorShouldFailAsDivergedAndStoreNothing() {
        String id = api.train(EXPLODING);

        JsonNode model = api.awaitStatus(id, "FAILED", Duration.ofSeconds(30));

        assertThat(model.get("error").asString()).matches("training diverged at epoch \\d+ "
                + "\\((cost = (Infinity|NaN)|a parameter reached .+, beyond the bound 1\\.00e\\+06)\\) "
                + "with learningRate 50; try a smaller learning rate");
        assertThat(model.get("metrics").isNull()).isTrue();
        api.http().get().uri("/models/" + id + "/parameters").exchange().expectStatus().isEqualTo(409);
        api.http().post().uri("/models/" + id + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[0,0]]}").exchange().expectStatus().isEqualTo(409);
        assertThat(api.get("/models/" + id + "/learning-curve").toString()).doesNotContain("Infinity", "NaN");
    }

    @Test
    void jobPastItsTimeLimitShouldFailWithAMessage() {
        String id = api.train(ApiClient.LONG.replace("\"seed\": 1}", "\"seed\": 1, \"maxSeconds\": 1}"));

        JsonNode model = api.awaitStatus(id, "FAILED", Duration.ofSeconds(30));

        assertThat(model.get("error").asString()).startsWith("training stopped after ")
                .contains("of 1000000 epochs: it ran past its time limit of 1 s");
    }

    @Test
    void cancelShouldFreeTheTrainersWithinAnEpoch() {
        String first = api.train(ApiClient.slowEpochs(""));
        String second = api.train(ApiClient.slowEpochs(""));
        api.awaitStatus(first, "RUNNING", Duration.ofSeconds(10));
        api.awaitStatus(second, "RUNNING", Duration.ofSeconds(10));

        api.post("/models/" + first + "/cancel", "");
        api.post("/models/" + second + "/cancel", "");
        long cancelled = System.nanoTime();
        String next = api.train(ApiClient.xor(10));
        api.awaitStatus(next, "SUCCEEDED", Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("an epoch takes 20 s or more")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(api.get("/models/" + first).at("/progress/epoch").asInt()).isZero();
    }

    @Test
    void timeLimitShouldHoldWithinAnEpoch() {
        String id = api.train(ApiClient.slowEpochs("\"maxSeconds\": 1"));

        JsonNode model = api.awaitStatus(id, "FAILED", Duration.ofSeconds(30));

        assertThat(model.get("error").asString()).startsWith("training stopped after 0 of 5 epochs: it ran past "
                + "its time limit of 1 s");
        assertThat(Duration.between(Instant.parse(model.get("startedAt").asString()),
                Instant.parse(model.get("finishedAt").asString()))).as("an epoch takes 20 s or more")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void stopShouldKeepAModelWithinAnEpoch() {
        String id = api.train(ApiClient.slowEpochs(""));
        api.awaitStatus(id, "RUNNING", Duration.ofSeconds(10));

        JsonNode stopped = api.post("/models/" + id + "/stop", "");

        assertThat(stopped.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(stopped.at("/outcome/message").asString()).as("stopped within the first epoch")
                .isEqualTo("training was stopped on request after 0 of 5 epochs");
        api.http().post().uri("/models/" + id + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body("{\"features\": [[0,0,0,0,0,0,0,0,0,0]]}").exchange().expectStatus().isOk();
        api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
    }

    @Test
    void stopRacingCancelShouldNeverAnswerOkForADiscardedModel() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = api.train(ApiClient.LONG);
            api.awaitStatus(id, "RUNNING", Duration.ofSeconds(10));
            CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> status("/models/" + id + "/stop"));
            CompletableFuture<Integer> cancel = CompletableFuture.supplyAsync(
                    () -> status("/models/" + id + "/cancel"));

            List<Integer> answers = List.of(stop.get(), cancel.get());
            String ended = api.get("/models/" + id).get("status").asString();

            assertThat(answers).as("exactly one of stop and cancel took effect")
                    .containsExactlyInAnyOrder(200, 409);
            assertThat(ended).isEqualTo(stop.get() == 200 ? "SUCCEEDED" : "CANCELLED");
            api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void listenersWhoLeftAQueuedModelShouldFreeTheirPlaces() throws Exception {
        String busy1 = api.train(ApiClient.LONG);
        String busy2 = api.train(ApiClient.LONG);
        String queued = api.train(ApiClient.LONG);
        assertThat(api.get("/models/" + queued).get("status").asString()).isEqualTo("QUEUED");
        List<java.net.Socket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(followRaw(queued));
        }

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/models/" + queued + "/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (java.net.Socket client : clients) {
            client.close();
        }

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> followRaw(queued).close());
        for (String id : List.of(queued, busy1, busy2)) {
            api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void eventStreamShouldSendStateProgressAndTheEndThenClose() throws Exception {
        String id = api.train(ApiClient.xor(400_000));

        List<String> first = events(id);

        assertThat(first.get(0)).isEqualTo("event:state");
        assertThat(first).contains("event:progress", "event:end");
        assertThat(first.get(first.size() - 2)).isEqualTo("event:end");
        String end = first.get(first.size() - 1);
        assertThat(end).startsWith("data:").contains("\"status\":\"SUCCEEDED\"");
        String progress = first.get(first.indexOf("event:progress") + 1);
        assertThat(progress).contains("\"epochs\":400000", "\"elapsedSeconds\"", "\"etaSeconds\"");
        assertThat(events(id)).as("a finished model: state and end at once").containsSubsequence("event:state",
                "event:end");
    }

    @Test
    void severalClientsShouldFollowOneJobAndALeavingClientShouldCostNothing() throws Exception {
        String id = api.train(ApiClient.LONG);
        api.awaitStatus(id, "RUNNING", Duration.ofSeconds(10));
        CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> eventsUnchecked(id));
        CompletableFuture<List<String>> two = CompletableFuture.supplyAsync(() -> eventsUnchecked(id));
        HttpResponse<java.io.InputStream> leaving = open(id);
        leaving.body().read();
        leaving.body().close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> one.isDone() || progressSeen(id));

        api.http().post().uri("/models/" + id + "/cancel").exchange().expectStatus().isOk();

        assertThat(one.get()).contains("event:end");
        assertThat(two.get()).contains("event:end");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !events.hasListeners(id));
    }

    @Test
    void stoppedJobShouldBeKeptAndContinuingFromItShouldLowerTheCost() {
        String request = ApiClient.LONG.replace("\"seed\": 1}", "\"seed\": 1, \"optimizer\": \"momentum\"}")
                .replace("\"learningRate\": 0.5", "\"learningRate\": 0.05");
        String id = api.train(request);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/models/" + id).at("/progress/epoch").asInt() > 500);
        assertThat(api.get("/models/" + id).at("/progress/etaSeconds").asDouble()).isPositive();

        JsonNode stopped = api.post("/models/" + id + "/stop", "");

        assertThat(stopped.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(stopped.at("/outcome/ending").asString()).isEqualTo("stopped");
        int epochs = stopped.at("/outcome/epochs").asInt();
        assertThat(stopped.at("/outcome/message").asString())
                .isEqualTo("training was stopped on request after " + epochs + " of 1000000 epochs");
        assertThat(api.predict(id, ApiClient.GATES).get("labels").size()).isEqualTo(4);
        double stoppedCost = stopped.at("/metrics/training/cost").asDouble();

        String continued = api.train(request.replace("\"epochs\": 1000000", "\"epochs\": 2000")
                .replace("{\"name\": \"long\",", "{\"name\": \"long, continued\", \"initFrom\": \"" + id + "\","));
        JsonNode next = api.awaitSucceeded(continued);

        assertThat(next.at("/spec/initFrom").asString()).isEqualTo(id);
        double start = api.get("/models/" + continued + "/learning-curve").at("/points/0/cost").asDouble();
        assertThat(start).as("starts where the stopped model ended").isCloseTo(stoppedCost,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(next.at("/metrics/training/cost").asDouble()).isLessThan(stoppedCost);
    }

    @Test
    void continuingShouldNeedAFinishedModelOfTheSameArchitecture() {
        String running = api.train(ApiClient.LONG);
        String trained = api.train(ApiClient.xor(10));
        api.awaitSucceeded(trained);

        JsonNode notFinished = badRequest(ApiClient.xor(10).replace("{\"name\": \"xor\",",
                "{\"initFrom\": \"" + running + "\","));
        JsonNode otherShape = badRequest(ApiClient.LONG.replace("{\"name\": \"long\",",
                "{\"initFrom\": \"" + trained + "\","));

        assertThat(notFinished.get("errors").findValuesAsString("field")).contains("initFrom");
        assertThat(otherShape.get("errors").findValuesAsString("message").toString())
                .contains("must have the same architecture as this request: 3 layers here, 2 there");
        api.http().delete().uri("/models/" + running).exchange().expectStatus().isNoContent();
    }

    @Test
    void optimizerSettingsShouldBeFilledInAndMisplacedOnesRejected() {
        String id = api.train(ApiClient.xor(200).replace("\"seed\": 7}",
                "\"seed\": 7, \"optimizer\": \"adam\", \"learningRateSchedule\": {\"type\": \"step\", \"gamma\": 0.5}}"));
        JsonNode training = api.awaitSucceeded(id).at("/spec/training");

        assertThat(training.get("beta1").asDouble()).isEqualTo(0.9);
        assertThat(training.get("beta2").asDouble()).isEqualTo(0.999);
        assertThat(training.has("momentum")).isFalse();
        assertThat(training.at("/learningRateSchedule/stepEpochs").asInt()).isEqualTo(1);
        assertThat(training.get("maxSeconds").asInt()).isEqualTo(600);
        JsonNode problem = badRequest(ApiClient.xor(10).replace("\"seed\": 7}",
                "\"seed\": 7, \"momentum\": 0.9, \"maxSeconds\": 100000}"));
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("training.momentum",
                "training.maxSeconds");
    }

    @Test
    void onlyRunningJobsShouldBeStopped() {
        String id = api.train(ApiClient.xor(10));
        api.awaitSucceeded(id);

        api.http().post().uri("/models/" + id + "/stop").exchange().expectStatus().isEqualTo(409);
    }

    private int status(String path) {
        return api.http().post().uri(path).exchange().returnResult().getStatus().value();
    }

    /** Follows a model's events on a raw connection until its state arrives; fails unless admitted. */
    private java.net.Socket followRaw(String id) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket("localhost", port);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("GET /models/" + id + "/events HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        String status = reader.readLine();
        if (!status.startsWith("HTTP/1.1 200")) {
            socket.close();
            throw new AssertionError("not admitted: " + status);
        }
        for (String line = reader.readLine(); !line.equals("event:state"); line = reader.readLine()) {
            // headers and chunk sizes until the first event
        }
        return socket;
    }

    private JsonNode badRequest(String body) {
        return ApiClient.json(api.http().post().uri("/models").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
    }

    private boolean progressSeen(String id) {
        return api.get("/models/" + id).at("/progress/epoch").asInt() > 0;
    }

    /** The lines of a model's event stream, read through plain HTTP until the server closes it. */
    private List<String> events(String id) throws Exception {
        HttpResponse<java.io.InputStream> response = open(id);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private List<String> eventsUnchecked(String id) {
        try {
            return events(id);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<java.io.InputStream> open(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/models/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return response;
    }
}
