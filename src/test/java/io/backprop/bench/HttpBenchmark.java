package io.backprop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

import io.backprop.prediction.PredictionRequest;
import io.backprop.prediction.PredictionResponse;
import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over loopback HTTP: what training through the REST API adds to the engine's time (W2), and
 * one-row prediction latency and throughput under wrk, against a bare endpoint of the same server: a controller
 * that reads the same request body into the same type and answers a constant of the same response type, so
 * that the ratio isolates what prediction itself costs.
 */
final class HttpBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BARE = "/bench/{id}/bare";
    /** Windows of one-row predictions under training, and idle, whose medians are compared. */
    private static final int LATENCY_ROUNDS = 3;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final int wrkSeconds;

    private HttpBenchmark(String base, int wrkSeconds) {
        this.base = base;
        this.wrkSeconds = wrkSeconds;
    }

    /**
     * @param w5 for the data-set figures, or null to leave them out
     * @param numpyW5Seconds NumPy's W5 training loop (on ND4J's kernels where its own differ), for the end-to-end ratio
     */
    static void run(boolean service, Workload w2, Workload w4, Workload w5, double engineW2Seconds,
            double numpyW5Seconds, int wrkSeconds, Path data) throws Exception {
        try (ServiceProcess app = new ServiceProcess()) {
            HttpBenchmark bench = new HttpBenchmark(app.base, wrkSeconds);
            System.out.println();
            if (service) {
                bench.service(w2, w4, engineW2Seconds);
            }
            if (w5 != null) {
                new UploadBenchmark(bench.base, data).run(w5, numpyW5Seconds, app,
                        id -> request(w5, "w5", Map.of("datasetId", id)), bench);
            }
        }
    }

    /** Training over REST, one-row predictions idle and under load, tiny jobs. */
    private void service(Workload w2, Workload w4, double engineW2Seconds) throws Exception {
        restOverhead(w2, engineW2Seconds);
        String model = awaitModel(acceptModel(request(w4, "w4", inline(w4)))).get("id").asString();
        String row = "{\"features\":[" + JSON.writeValueAsString(w4.examples().features().toArray()[0]) + "]}";
        Path script = Files.createTempFile("wrk", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = '" + row + "'\n");
        try {
            if (predictions(script, "/models/" + model + "/predict", BARE.replace("{id}", model))) {
                predictionsWhileTraining(script, "/models/" + model + "/predict", w4);
            }
        }
        finally {
            Files.delete(script);
        }
        tinyJobs(request(w2, "tiny", inline(w2)).replace("\"epochs\":5000", "\"epochs\":500"));
    }

    /** A controller with nothing behind it: the framework's own cost for a request like a prediction. */
    @RestController
    @Hidden
    static class BareController {

        private static final PredictionResponse CONSTANT = new PredictionResponse(new double[][] {{0.5}}, null,
                null);

        @PostMapping(path = BARE, consumes = MediaType.APPLICATION_JSON_VALUE)
        PredictionResponse bare(@PathVariable String id, @RequestBody PredictionRequest request) {
            return CONSTANT;
        }
    }

    /**
     * POST to SUCCEEDED over HTTP, against the engine's own time for the same training, and where the time goes:
     * answering the POST, waiting in the queue, training (with its persistence). The client follows the model's
     * events, as a client that waits for the end should, rather than polling.
     */
    private void restOverhead(Workload w2, double engineSeconds) throws Exception {
        String body = request(w2, "w2", inline(w2));
        int warmups = 50;
        int runs = 20;
        double[][] millis = new double[4][runs];
        for (int run = -warmups; run < runs; run++) {
            long start = System.nanoTime();
            String id = acceptModel(body);
            long accepted = System.nanoTime();
            JsonNode model = awaitModel(id);
            if (run >= 0) {
                millis[0][run] = (System.nanoTime() - start) / 1e6;
                millis[1][run] = (accepted - start) / 1e6;
                millis[2][run] = between(model, "createdAt", "startedAt");
                millis[3][run] = between(model, "startedAt", "finishedAt");
            }
        }
        double total = Measurement.median(millis[0]);
        System.out.printf(Locale.ROOT, "REST W2: POST to SUCCEEDED %.1f ms (median of %d after %d warm-ups; POST "
                + "answered in %.1f, queued %.0f, training and storing %.0f); the engine alone %.1f ms; the service "
                + "adds %.1f ms%n", total, runs, warmups, Measurement.median(millis[1]),
                Measurement.median(millis[2]), Measurement.median(millis[3]), engineSeconds * 1e3,
                total - engineSeconds * 1e3);
    }

    static double between(JsonNode model, String from, String to) {
        return Duration.between(Instant.parse(model.get(from).asString()), Instant.parse(model.get(to).asString()))
                .toNanos() / 1e6;
    }

    /**
     * One-row predictions under wrk: latency on one connection, then throughput on eight, each against the bare
     * endpoint with the same body; after a warm-up of both, so that neither runs on colder code than the other.
     */
    /** @return whether wrk is installed (else nothing was measured) */
    private boolean predictions(Path script, String predict, String bare) throws Exception {
        for (String path : List.of(predict, bare)) {
            if (wrk(script, path, 1, 10) == null) {
                System.out.println("wrk is not installed (apt-get install wrk): no prediction figures over HTTP");
                return false;
            }
        }
        Wrk predictLatency = wrk(script, predict, 1, wrkSeconds / 4);
        Wrk bareLatency = wrk(script, bare, 1, wrkSeconds / 4);
        System.out.printf(Locale.ROOT, "HTTP predict 1 row (W4 network), wrk, 1 connection, %d s: median %.0f µs, "
                + "99th percentile %.0f µs (bare endpoint: median %.0f µs)%n", wrkSeconds / 4,
                predictLatency.medianMicros, predictLatency.p99Micros, bareLatency.medianMicros);
        double predictRate = wrk(script, predict, 8, wrkSeconds).rate;
        double bareRate = wrk(script, bare, 8, wrkSeconds).rate;
        System.out.printf(Locale.ROOT, "HTTP predict throughput, wrk, 8 connections, %d s: %.0f requests/s, bare "
                + "endpoint %.0f requests/s: %.0f%% of bare%n", wrkSeconds, predictRate, bareRate,
                100 * predictRate / bareRate);
        return true;
    }

    /**
     * One-row prediction latency while two W4-sized jobs train (one per core), against idle, in the same run. Each
     * window runs the full {@code wrkSeconds}: the 99th percentile of a 5-second run (15,000 requests) is set by a
     * few dozen, and back-to-back 5-second runs in the same state gave 0.5 to 6 ms on a 2-core host. Even 20-second
     * windows moved with the host: single idle windows of four runs on one machine gave 0.34 to 3.8 ms, and their
     * ratio to one window under the jobs 0.15 to 4.1. So the ratio compares medians of {@link #LATENCY_ROUNDS}
     * alternating windows, under two new jobs and idle once they are cancelled, after a first window under the
     * jobs, reported apart, while the JIT compiler still compiles the jobs' code (p99 2–5 ms).
     */
    private void predictionsWhileTraining(Path script, String predict, Workload w4) throws Exception {
        // 50,000 epochs outlast wrk by minutes and stay below the cost ceiling (1.7·10¹³ of 3·10¹³)
        String longJob = request(w4, "w4-long", inline(w4)).replace("\"epochs\":20", "\"epochs\":50000");
        List<String> jobs = startJobs(longJob);
        Wrk first = wrk(script, predict, 1, wrkSeconds);
        double[][] p99 = new double[2][LATENCY_ROUNDS];
        double[][] median = new double[2][LATENCY_ROUNDS];
        for (int r = 0; r < LATENCY_ROUNDS; r++) {
            jobs = r == 0 ? jobs : startJobs(longJob);
            Wrk training = wrk(script, predict, 1, wrkSeconds);
            cancel(jobs);
            Wrk idle = wrk(script, predict, 1, wrkSeconds);
            p99[0][r] = training.p99Micros;
            p99[1][r] = idle.p99Micros;
            median[0][r] = training.medianMicros;
            median[1][r] = idle.medianMicros;
        }
        System.out.printf(Locale.ROOT, "HTTP predict 1 row while two W4 jobs train, wrk, 1 connection, %d windows "
                + "of %d s each side: median %.0f µs, 99th percentile %.0f µs (windows: %s); idle between them: "
                + "median %.0f µs, 99th percentile %.0f µs (windows: %s): p99 ratio %.2f (the jobs' first %d s: "
                + "median %.0f µs, 99th percentile %.0f µs)%n", LATENCY_ROUNDS, wrkSeconds,
                Measurement.median(median[0]), Measurement.median(p99[0]), list(p99[0]),
                Measurement.median(median[1]), Measurement.median(p99[1]), list(p99[1]),
                Measurement.median(p99[0]) / Measurement.median(p99[1]), wrkSeconds, first.medianMicros,
                first.p99Micros);
    }

    /** Two W4-sized jobs, one per core, given a second to start. */
    private List<String> startJobs(String longJob) throws Exception {
        List<String> jobs = List.of(acceptModel(longJob), acceptModel(longJob));
        Thread.sleep(1000);
        return jobs;
    }

    /** Cancels the jobs, and gives them a second to end (they look for a cancel once a progress interval). */
    private void cancel(List<String> jobs) throws Exception {
        for (String job : jobs) {
            http.send(post("/models/" + job + "/cancel", ""), HttpResponse.BodyHandlers.discarding());
        }
        Thread.sleep(2000);
    }

    private static String list(double[] micros) {
        return Arrays.stream(micros).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
                .collect(Collectors.joining(", ", "", " µs"));
    }

    /**
     * Tiny jobs (XOR, 500 epochs) through POST /models to SUCCEEDED, from wrk's eight connections, each posting as
     * fast as it is answered (waiting 5 ms after a 429): wrk, not Java's HTTP client, so that the client takes
     * little of the two cores (Java's took about 2 ms of CPU a request). After a warm-up long enough for the JIT
     * compiler to settle (on a 2-core host it compiled for over two minutes of this load), the jobs of a timed
     * run are counted from the first post to the last success.
     */
    private void tinyJobs(String body) throws Exception {
        Path script = Files.createTempFile("tiny", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = [==[" + body + "]==]\nlocal refused = false\n"
                + "function response(status, headers, body) refused = status == 429 end\n"
                + "function delay() if refused then return 5 end return 0 end\n");
        try {
            int warmup = Math.max(60, 8 * wrkSeconds);
            if (wrk(script, "/models", 8, warmup, true) == null) {
                return;
            }
            long before = count("SUCCEEDED");
            long start = System.nanoTime();
            wrk(script, "/models", 8, wrkSeconds, true);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (count("QUEUED") + count("RUNNING") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (count("FAILED") > 0) {
                throw new IllegalStateException("some tiny jobs failed");
            }
            long jobs = count("SUCCEEDED") - before;
            System.out.printf(Locale.ROOT, "Tiny jobs: XOR (500 epochs) posted by wrk on 8 connections for %d s "
                    + "after %d s of warm-up: %d SUCCEEDED in %.2f s: %.0f jobs/s%n", wrkSeconds, warmup, jobs,
                    seconds, jobs / seconds);
        }
        finally {
            Files.delete(script);
        }
    }

    /** How many models are stored in the status. */
    private long count(String status) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/models?status=" + status
                + "&size=1")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(page.body()).at("/page/totalElements").asLong();
    }

    /** wrk's figures for one run: requests per second, and median and 99th-percentile latency. */
    private record Wrk(double rate, double medianMicros, double p99Micros) {
    }

    /** Runs wrk (one thread) for a bounded time; null when wrk is not installed. */
    private Wrk wrk(Path script, String path, int connections, int seconds) throws IOException, InterruptedException {
        return wrk(script, path, connections, seconds, false);
    }

    /** The same; {@code refusalsExpected}: answers other than 2xx (429s waited out) are no failure. */
    private Wrk wrk(Path script, String path, int connections, int seconds, boolean refusalsExpected)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                    script.toString(), base + path).redirectErrorStream(true).start();
        }
        catch (IOException notInstalled) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher median = Pattern.compile("50%\\s+([0-9.]+)(us|ms|s)").matcher(output);
        Matcher p99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!rate.find() || !median.find() || !p99.find() || output.contains("Non-2xx") && !refusalsExpected) {
            throw new IllegalStateException("wrk on " + path + " failed:\n" + output);
        }
        return new Wrk(Double.parseDouble(rate.group(1)), micros(median), micros(p99));
    }

    private static double micros(Matcher latency) {
        double value = Double.parseDouble(latency.group(1));
        return switch (latency.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            default -> value * 1e6;
        };
    }

    String acceptModel(String body) throws Exception {
        HttpResponse<String> accepted = http.send(post("/models", body), HttpResponse.BodyHandlers.ofString());
        // 201: small enough, it trained at once
        if (accepted.statusCode() != 202 && accepted.statusCode() != 201) {
            throw new IllegalStateException("training was not accepted: " + accepted.body());
        }
        return JSON.readTree(accepted.body()).get("id").asString();
    }

    /** Follows the model's events until its end event, which carries the model as it ended; fails unless SUCCEEDED. */
    JsonNode awaitModel(String id) throws Exception {
        HttpRequest events = HttpRequest.newBuilder(URI.create(base + "/models/" + id + "/events")).build();
        List<String> lines = http.send(events, HttpResponse.BodyHandlers.ofLines()).body().toList();
        int end = lines.lastIndexOf("event:end");
        JsonNode model = JSON.readTree(lines.get(end + 1).substring("data:".length()));
        if (!model.get("status").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("training ended " + model.get("status") + ": " + model.get("error"));
        }
        return model;
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The workload as a training request on {@code rows} (inline, or a stored data set), from its initial weights. */
    private static String request(Workload workload, String name, Map<String, Object> rows) {
        Map<String, Object> architecture = new LinkedHashMap<>();
        List<Map<String, Object>> layers = new ArrayList<>();
        Parameters initial = workload.initial();
        for (int l = 0; l < initial.layers().size(); l++) {
            LayerParameters layer = initial.layers().get(l);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("units", layer.units());
            spec.put("activation", workload.spec().layers().get(l).activation());
            spec.put("bias", layer.biases() != null);
            spec.put("weights", layer.weights());
            if (layer.biases() != null) {
                spec.put("biases", layer.biases());
            }
            layers.add(spec);
        }
        architecture.put("layers", layers);
        architecture.put("loss", workload.spec().loss());
        architecture.put("precision", workload.spec().precision());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", workload.options().epochs());
        training.put("learningRate", workload.options().learningRate());
        training.put("batchSize", workload.options().batchSize());
        training.put("shuffle", workload.options().shuffle());
        Map<String, Object> request = new LinkedHashMap<>(rows);
        request.put("name", name);
        request.put("architecture", architecture);
        request.put("training", training);
        return JSON.writeValueAsString(request);
    }

    private static Map<String, Object> inline(Workload workload) {
        return Map.of("dataset", Map.of("features", workload.examples().features().toArray(), "targets",
                workload.examples().targets().toArray()));
    }
}
