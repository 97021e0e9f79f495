package io.backprop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import io.backprop.BackpropApplication;
import io.backprop.network.LayerParameters;
import io.backprop.network.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over loopback HTTP: what training through the REST API adds to the engine's time (W2), the
 * latency of predicting one row, and prediction throughput under wrk against a bare endpoint of the same server
 * (one that reads the same body and answers a constant), so that the ratio isolates what prediction costs.
 */
final class HttpBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private HttpBenchmark(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static void run(BenchData data, Workload w2, Workload w4, double engineW2Seconds, int wrkSeconds)
            throws Exception {
        Path database = Files.createTempDirectory("backprop-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BackpropApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("bareEndpoint",
                        RouterFunction.class, HttpBenchmark::bareEndpoint))
                .run("--server.port=0", "--logging.level.root=warn",
                        "--spring.datasource.url=jdbc:h2:file:" + database.resolve("db") + ";WRITE_DELAY=0")) {
            HttpBenchmark bench = new HttpBenchmark(
                    app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            System.out.println();
            bench.restOverhead(w2, engineW2Seconds);
            String model = bench.trainAndWait(request(w4, "w4")).get("id").asString();
            String row = "{\"features\":[" + JSON.writeValueAsString(w4.examples().features()[0]) + "]}";
            bench.latency("/models/" + model + "/predict", row);
            bench.throughput(model, row, wrkSeconds);
        }
    }

    /** Reads the body like a real endpoint and answers a constant: the framework's own cost per request. */
    private static RouterFunction<ServerResponse> bareEndpoint() {
        return RouterFunctions.route().POST("/bench/bare", request -> {
            request.body(JsonNode.class);
            return ServerResponse.ok().body(Map.of("outputs", List.of(List.of(0.5))));
        }).build();
    }

    /** POST to SUCCEEDED over HTTP, against the engine's own time for the same training. */
    private void restOverhead(Workload w2, double engineSeconds) throws Exception {
        String body = request(w2, "w2");
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            long start = System.nanoTime();
            trainAndWait(body);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        double median = Measurement.median(seconds.subList(3, seconds.size()).stream()
                .mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "REST W2: POST to SUCCEEDED %.1f ms (median of 5 after 3 warm-ups); the engine "
                + "alone %.1f ms; the service adds %.1f ms%n", median * 1e3, engineSeconds * 1e3,
                (median - engineSeconds) * 1e3);
    }

    /** Median and 99th percentile of one-row predictions, one after another on a kept-alive connection. */
    private void latency(String path, String body) throws Exception {
        HttpRequest request = post(path, body);
        for (int i = 0; i < 2000; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        double[] micros = new double[5000];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            micros[i] = (System.nanoTime() - start) / 1e3;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("predict answered " + response.statusCode() + ": " + response.body());
            }
        }
        double[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "HTTP predict 1 row (W4 network): median %.0f µs, 99th percentile %.0f µs "
                + "(5,000 sequential requests)%n", Measurement.median(micros), sorted[(int) (sorted.length * 0.99)]);
    }

    /** wrk on predict, then on the bare endpoint, with the same body and load; bounded by time. */
    private void throughput(String model, String body, int seconds) throws Exception {
        Path script = Files.createTempFile("wrk", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = '" + body + "'\n");
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String path : List.of("/models/" + model + "/predict", "/bench/bare")) {
            Double rate = wrk(script, path, seconds);
            if (rate == null) {
                System.out.println("wrk is not installed (apt-get install wrk): no throughput figures");
                return;
            }
            rates.put(path, rate);
        }
        double predict = rates.get("/models/" + model + "/predict");
        double bare = rates.get("/bench/bare");
        System.out.printf(Locale.ROOT, "wrk %d s, 1 thread, 8 connections: predict %.0f requests/s, bare endpoint %.0f "
                + "requests/s: %.0f%% of bare%n", seconds, predict, bare, 100 * predict / bare);
        Files.delete(script);
    }

    private Double wrk(Path script, String path, int seconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("wrk", "-t1", "-c8", "-d" + seconds + "s", "-s", script.toString(),
                    base + path).redirectErrorStream(true).start();
        }
        catch (IOException notInstalled) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        if (!rate.find() || errors.find()) {
            throw new IllegalStateException("wrk on " + path + " failed:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }

    private JsonNode trainAndWait(String body) throws Exception {
        HttpResponse<String> accepted = http.send(post("/models", body), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("training was not accepted: " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("id").asString();
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/models/" + id)).build();
        while (true) {
            JsonNode model = JSON.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
            String status = model.get("status").asString();
            if (status.equals("SUCCEEDED")) {
                return model;
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                throw new IllegalStateException("training ended " + status + ": " + model.get("error"));
            }
            Thread.sleep(1);
        }
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The workload as a training request, starting from its shared initial weights. */
    private static String request(Workload workload, String name) {
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
        return JSON.writeValueAsString(Map.of("name", name, "dataset", Map.of("features",
                workload.examples().features(), "targets", workload.examples().targets()),
                "architecture", architecture, "training", training));
    }
}
