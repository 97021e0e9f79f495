package io.backprop.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data sets at scale over HTTP: CSV uploads against {@code numpy.loadtxt} parsing the same files (a 30,000 × 101
 * table, and W5's 60,000 × 785 rows as CSV), the heap the W5 upload takes, the bytes the rows take in the store,
 * and W5 end to end (upload, then train from the stored rows to SUCCEEDED) against NumPy's loadtxt plus its
 * training loop. The service is measured as it runs for long, after its JIT compiler has compiled the upload and
 * training paths: the first upload (and the first W5 end to end) of the run is printed apart, then the paths are
 * warmed up before the figures that are compared with NumPy's are taken.
 */
final class UploadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RUNS = 3;
    /** Uploads of the table before the timed ones: on 2 cores the parser's compiled code settled after about ten. */
    private static final int WARM_UP_UPLOADS = 15;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Path data;

    UploadBenchmark(String base, Path data) {
        this.base = base;
        this.data = data;
    }

    /**
     * @param process the service's JVM: its heap and its database file
     * @param train the W5 training request for rows stored under an id
     */
    void run(Workload w5, double numpyW5Seconds, ServiceProcess process, Function<String, String> train,
            HttpBenchmark service) throws Exception {
        Path table = table();
        Path pixels = w5Csv(w5);
        double tableNumpy = loadtxt(table);
        double pixelsNumpy = loadtxt(pixels);
        System.out.println("Data sets: " + FreshMemory.describe());
        System.out.printf(Locale.ROOT, "Upload 30,000 × 101 CSV, first of the run (before the JIT's warm-up): "
                + "%.2f s%n", timedUpload(table, ""));
        for (int r = 0; r < WARM_UP_UPLOADS; r++) {
            timedUpload(table, "");
        }
        double[] tableSeconds = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            tableSeconds[r] = timedUpload(table, "");
        }
        print("30,000 × 101 CSV", table, Measurement.median(tableSeconds), tableNumpy);

        long before = process.databaseBytes();
        long start = System.nanoTime();
        JsonNode dataset = upload(pixels, "&precision=float32");
        double pixelsSeconds = (System.nanoTime() - start) / 1e9;
        print("W5 as CSV (188 MB, stored float32)", pixels, pixelsSeconds, pixelsNumpy);
        long raw = 60_000L * 785 * Double.BYTES;
        long stored = dataset.get("bytes").asLong();
        System.out.printf(Locale.ROOT, "Storage W5: rows take %d MB in the store against %d MB as float64 (%.2f×); "
                + "the database file grew by %d MB%n", stored / 1_000_000, raw / 1_000_000, (double) stored / raw,
                (process.databaseBytes() - before) / 1_000_000);

        // measured apart: collections forced as it goes slow the upload down
        HeapAfterCollections heap = new HeapAfterCollections(process.management());
        try (heap) {
            delete(upload(pixels, "&precision=float32"));
        }
        System.out.printf(Locale.ROOT, "Upload W5 CSV again: peak heap growth %d MiB (heap in use after each of %d "
                + "collections, forced every %d ms during the upload, against after a full collection before it)%n",
                heap.peakGrowth() >> 20, heap.collections(), HeapAfterCollections.FORCED_EVERY_MILLIS);

        delete(dataset);

        EndToEnd first = endToEnd(pixels, train, service);
        System.out.printf(Locale.ROOT, "W5 end to end, first of the run: %.2f s%n", first.seconds());
        first.delete();
        EndToEnd timed = endToEnd(pixels, train, service);
        System.out.printf(Locale.ROOT, "W5 end to end (upload the CSV, train from the stored rows to SUCCEEDED): "
                + "%.2f s (upload %.2f, POST to SUCCEEDED %.2f: training and storing %.2f); NumPy loadtxt + training "
                + "loop %.2f s (%.2f + %.2f): ratio %.2f%n", timed.seconds(), timed.uploadSeconds(),
                timed.seconds() - timed.uploadSeconds(), timed.trainingSeconds(), pixelsNumpy + numpyW5Seconds,
                pixelsNumpy, numpyW5Seconds, timed.seconds() / (pixelsNumpy + numpyW5Seconds));
    }

    /** One W5 end to end: what it took, and how to delete what it stored (the model first, then its rows). */
    private record EndToEnd(double seconds, double uploadSeconds, double trainingSeconds, Runnable delete) {
    }

    private EndToEnd endToEnd(Path pixels, Function<String, String> train, HttpBenchmark service) throws Exception {
        long start = System.nanoTime();
        JsonNode dataset = upload(pixels, "&precision=float32");
        long uploaded = System.nanoTime();
        JsonNode model = service.awaitModel(service.acceptModel(train.apply(dataset.get("id").asString())));
        long end = System.nanoTime();
        return new EndToEnd((end - start) / 1e9, (uploaded - start) / 1e9,
                HttpBenchmark.between(model, "startedAt", "finishedAt") / 1e3, () -> {
                    delete("/models/" + model.get("id").asString());
                    delete("/datasets/" + dataset.get("id").asString());
                });
    }

    private static void print(String what, Path file, double seconds, double numpySeconds) throws IOException {
        double megabytes = Files.size(file) / 1e6;
        System.out.printf(Locale.ROOT, "Upload %s: %.0f MB/s end to end over HTTP (%.2f s); numpy.loadtxt %.0f MB/s "
                + "(%.2f s): ratio %.2f%n", what, megabytes / seconds, seconds, megabytes / numpySeconds, numpySeconds,
                seconds / numpySeconds);
    }

    /** Uploads the file and deletes the data set again (both rows and all): the upload's seconds. */
    private double timedUpload(Path file, String query) throws Exception {
        long start = System.nanoTime();
        JsonNode dataset = upload(file, query);
        double seconds = (System.nanoTime() - start) / 1e9;
        delete(dataset);
        return seconds;
    }

    private void delete(JsonNode dataset) {
        delete("/datasets/" + dataset.get("id").asString());
    }

    private void delete(String path) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts the file as CSV with curl, as a user would (the JDK's client, when it shared a JVM with the service,
     * took twice as long to send the same file), streaming it with {@code -T} as the README tells users to for large
     * files ({@code --data-binary @file} first reads the whole file into curl's memory: 130 ms of the 27 MB
     * table's 0.38 s, measured): the data set's view.
     */
    private JsonNode upload(Path file, String query) throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H",
                "Content-Type: text/csv", "-T", file.toString(), base + "/datasets?targets=y" + query)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = curl.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!curl.waitFor(5, TimeUnit.MINUTES) || !output.endsWith("\n201")) {
            throw new IllegalStateException("upload of " + file + " failed: " + output);
        }
        return JSON.readTree(output.substring(0, output.lastIndexOf('\n')));
    }

    /** numpy.loadtxt on the file: the median of three runs, in seconds. */
    private static double loadtxt(Path file) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(NumpyReference.PYTHON, "-c", """
                import sys, time, numpy
                runs = []
                for _ in range(3):
                    start = time.perf_counter()
                    numpy.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
                    runs.append(time.perf_counter() - start)
                print(sorted(runs)[1])""", file.toString()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = python.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!python.waitFor(5, TimeUnit.MINUTES) || python.exitValue() != 0) {
            throw new IllegalStateException("numpy.loadtxt failed: " + output);
        }
        return Double.parseDouble(output);
    }

    /** 30,000 rows of 100 features and a target, six significant digits each (27 MB), written once. */
    private Path table() throws IOException {
        Path file = data.resolve("table_30000x101.csv");
        if (!Files.exists(file)) {
            Random random = new Random(13);
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (int j = 0; j < 100; j++) {
                    out.write("f" + j + ",");
                }
                out.write("y\n");
                for (int i = 0; i < 30_000; i++) {
                    for (int j = 0; j <= 100; j++) {
                        out.write(String.format(Locale.ROOT, "%.6g", random.nextGaussian()));
                        out.write(j < 100 ? ',' : '\n');
                    }
                }
            }
        }
        return file;
    }

    /** W5's rows as CSV: each pixel as the shortest text of its float32 value, then the class; written once. */
    private Path w5Csv(Workload w5) throws IOException {
        Path file = data.resolve("w5.csv");
        if (!Files.exists(file)) {
            double[][] features = w5.examples().features().toArray();
            double[][] targets = w5.examples().targets().toArray();
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (int j = 0; j < 784; j++) {
                    out.write("p" + j + ",");
                }
                out.write("y\n");
                for (int i = 0; i < features.length; i++) {
                    for (double v : features[i]) {
                        out.write(v == 0 ? "0" : Float.toString((float) v));
                        out.write(',');
                    }
                    out.write(Integer.toString(argmax(targets[i])));
                    out.write('\n');
                }
            }
        }
        return file;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            best = row[k] > row[best] ? k : best;
        }
        return best;
    }

}
