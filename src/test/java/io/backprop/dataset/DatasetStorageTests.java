package io.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import io.backprop.support.ApiClient;
import io.backprop.support.ChunkedPost;
import io.backprop.support.HttpApiTests;
import io.backprop.support.LimitedServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * Data sets at scale: files past the JSON limit streamed into the store, rows stored once however many data sets
 * and models use them, bad files leaving nothing behind, whole data sets predicted. The service has 1 MB JSON
 * bodies and 4 MB uploads, read one at a time.
 */
@LimitedServiceTest
public class DatasetStorageTests extends HttpApiTests {

    @Autowired
    JdbcTemplate jdbc;

    private UploadClient uploads;

    @BeforeEach
    void client() {
        uploads = new UploadClient(api.http());
    }

    @Test
    void aFileLargerThanTheJsonLimitShouldBeStoredWhileJsonOfThatSizeIsRefused() {
        String csv = csv(20_000, 10, 0);
        assertThat(csv.length()).isGreaterThan(1 << 20);

        JsonNode dataset = uploads.csv("/datasets?targets=y", csv);
        UploadClient.Answer json = uploads.refused("/datasets", MediaType.APPLICATION_JSON, null,
                ("{\"features\": [" + "[0.5],".repeat(300_000) + "[1]], \"targets\": [[1]]}").getBytes());

        assertThat(dataset.get("rows").asInt()).isEqualTo(20_000);
        assertThat(dataset.get("bytes").asLong()).as("float64 values, 8 bytes each").isEqualTo(20_000L * 11 * 8);
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.body().get("type").asString()).isEqualTo("/problems/request-too-large");
        delete(dataset);
    }

    @Test
    void aMalformedValueDeepInsideALargeFileShouldBeNamedAndNothingStored() {
        String csv = csv(20_000, 10, 0);
        int at = csv.indexOf('\n', csv.length() * 3 / 4) + 1;
        long line = csv.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        String broken = csv.substring(0, at) + "1.5,x" + csv.substring(csv.indexOf(',', csv.indexOf(',', at) + 1));
        long datasets = count("dataset");
        long rowSets = count("row_set");
        long chunks = count("row_chunk");

        UploadClient.Answer answer = uploads.post("/datasets?targets=y", UploadClient.CSV, null,
                broken.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString())
                .isEqualTo("line " + line + ", column 2 (x2): 'x' is not a finite number");
        assertThat(count("dataset")).isEqualTo(datasets);
        assertThat(count("row_set")).as("no rows kept").isEqualTo(rowSets);
        assertThat(count("row_chunk")).isEqualTo(chunks);
    }

    @Test
    void theSameRowsShouldBeStoredOnceWhateverTheirEncoding() throws IOException {
        String csv = csv(3_000, 4, 1);
        long rowSets = count("row_set");

        JsonNode plain = uploads.csv("/datasets?targets=y", csv);
        JsonNode encoded = uploads.stored("/datasets?targets=y", UploadClient.CSV, "gzip", gzip(csv));
        JsonNode gzFile = uploads.stored("/datasets?targets=y", MediaType.APPLICATION_OCTET_STREAM, null, gzip(csv));

        assertThat(encoded.get("sha256").asString()).isEqualTo(plain.get("sha256").asString());
        assertThat(gzFile.get("sha256").asString()).isEqualTo(plain.get("sha256").asString());
        assertThat(encoded.get("columns")).isEqualTo(plain.get("columns"));
        assertThat(count("row_set")).isEqualTo(rowSets + 1);
        delete(plain);
        delete(encoded);
        assertThat(count("row_set")).as("still used by one data set").isEqualTo(rowSets + 1);
        delete(gzFile);
        assertThat(count("row_set")).isEqualTo(rowSets);
    }

    @Test
    void uploadsPastTheLimitShouldBeRefusedCompressedOrNot() throws IOException {
        UploadClient.Answer large = uploads.refused("/datasets?targets=y", UploadClient.CSV, null,
                csv(50_000, 10, 0).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream zeros = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zeros)) {
            out.write((csv(1, 499, 0).lines().findFirst().orElseThrow() + "\n").getBytes());
            byte[] row = ("0,".repeat(499) + "0\n").getBytes();
            for (int i = 0; i < 6_000; i++) {
                out.write(row);
            }
        }
        UploadClient.Answer bomb = uploads.post("/datasets?targets=y", UploadClient.CSV, "gzip", zeros.toByteArray());
        UploadClient.Answer notGzip = uploads.post("/datasets?targets=y", UploadClient.CSV, "gzip", "x,y\n".getBytes());

        assertThat(large.status()).isEqualTo(413);
        assertThat(zeros.size()).as("small on the wire").isLessThan(1 << 20);
        assertThat(bomb.status()).isEqualTo(413);
        assertThat(bomb.body().get("detail").asString()).contains("once decompressed");
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(notGzip.body().get("type").asString()).isEqualTo("/problems/invalid-gzip");
    }

    @Test
    void rowsShouldBeSharedByModelsAndOutliveTheirDataSetWhileAModelUsesThem() {
        JsonNode dataset = uploads.csv("/datasets?targets=y", csv(200, 2, 1));
        long rowBytes = sum("row_set");
        String request = """
                {"datasetId": "%s", "architecture": {"layers": [{"units": 1}]}, "training": {"epochs": 5}}"""
                .formatted(dataset.get("id").asString());

        String[] models = new String[10];
        for (int i = 0; i < models.length; i++) {
            models[i] = api.train(request);
        }
        for (String model : models) {
            api.awaitSucceeded(model);
        }
        delete(dataset);

        assertThat(count("row_set WHERE sha256 = '" + dataset.get("sha256").asString() + "'")).isEqualTo(1);
        assertThat(sum("row_set")).as("no model added a copy of the rows").isEqualTo(rowBytes);
        assertThat(api.get("/models/" + models[0] + "/decision-boundary?resolution=2").get("points")).hasSize(200);
        for (String model : models) {
            api.http().delete().uri("/models/" + model).exchange().expectStatus().isNoContent();
        }
        assertThat(count("row_set WHERE sha256 = '" + dataset.get("sha256").asString() + "'")).isZero();
    }

    @Test
    void aSecondUploadWhileOneIsBeingReadShouldBeToldToWait() throws IOException {
        Overlap overlap = null;
        // a second upload read just when the first arrives refuses the first instead: then the two try again
        for (int attempt = 0; attempt < 5 && (overlap == null || overlap.firstRefused()); attempt++) {
            overlap = secondDuringFirst();
        }

        assertThat(overlap.second().status()).as("first answered " + overlap.first()).isEqualTo(429);
        assertThat(overlap.second().body().get("type").asString()).isEqualTo("/problems/too-many-uploads");
        assertThat(overlap.first()).startsWith("HTTP/1.1 201");
        String answer = overlap.first();
        delete(ApiClient.json(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1)));
    }

    @Test
    void anUploadTrickledInShouldBeCutWithNothingStoredAndItsPlaceFreed() throws IOException, InterruptedException {
        long datasets = count("dataset");
        long chunks = count("row_chunk");

        String answer = trickled("/datasets?targets=y", "text/csv", "x,y\n", "1", ",0\n");

        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"type\":\"/problems/request-too-slow\"",
                "backprop.limits.min-body-rate");
        assertThat(count("dataset")).isEqualTo(datasets);
        assertThat(count("row_chunk")).isEqualTo(chunks);
        JsonNode next = uploads.csv("/datasets?targets=y", "x,y\n1,0\n2,1\n");
        delete(next);
    }

    @Test
    void aJsonBodyTrickledInShouldBeCutToo() throws IOException, InterruptedException {
        String answer = trickled("/models", "application/json", "{\"dataset\": {\"features\": [[0]", ",[1]", ",[0]");

        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"type\":\"/problems/request-too-slow\"");
    }

    /**
     * Sends {@code start}, then the two pieces in turn every 100 ms, far below 64 KB a second, until the service
     * answers (within 20 s); returns its answer.
     */
    private String trickled(String path, String type, String start, String piece, String other)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(ChunkedPost.start(path, type, null, start));
            for (int i = 0; i < 200 && socket.getInputStream().available() == 0; i++) {
                out.write(ChunkedPost.chunk(i % 2 == 0 ? piece : other));
                out.flush();
                Thread.sleep(100);
            }
            return chunkedAnswer(socket);
        }
    }

    /** The last answer to a second upload sent while a first is being read, and the first's answer. */
    private record Overlap(UploadClient.Answer second, String first) {

        boolean firstRefused() {
            return first.startsWith("HTTP/1.1 429");
        }
    }

    private Overlap secondDuringFirst() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream first = socket.getOutputStream();
            first.write(ChunkedPost.start("/datasets?targets=y", "text/csv", null, "x,y\n1,0\n"));
            first.flush();

            UploadClient.Answer second = null;
            // the first upload holds the only place once its request is dispatched: try until then, within 10 s
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((second == null || second.status() != 429) && System.nanoTime() < deadline) {
                second = uploads.post("/datasets?targets=y", UploadClient.CSV, null, "x,y\n1,0\n2,1\n".getBytes());
                if (second.status() == 201) {
                    delete(second.body());
                }
            }
            try {
                first.write(ChunkedPost.end("2,1\n"));
                first.flush();
            }
            catch (IOException answeredAlready) {
                // a refused first is answered before its body ends, and its connection closed
            }
            return new Overlap(second, new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An answer read to the end of its chunked body: the service may still be reading the request's rest. */
    private static String chunkedAnswer(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!answer.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                break;
            }
            answer.write(buffer, 0, n);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code rows} rows of features x1 … x{@code columns} and a target y: values with six decimals (not exact
     * float32), or with {@code classes} > 0 integer classes as the target.
     */
    public static String csv(int rows, int columns, int classes) {
        StringBuilder csv = new StringBuilder();
        for (int j = 1; j <= columns; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("y\n");
        java.util.Random random = new java.util.Random(rows * 31L + columns);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                double x = random.nextInt(2_000_000) / 1e6 - 1;
                sum += x;
                csv.append(String.format(Locale.ROOT, "%.6f,", x));
            }
            csv.append(classes > 0 ? String.valueOf(sum > 0 ? 1 : 0) : String.format(Locale.ROOT, "%.6f", sum))
                    .append('\n');
        }
        return csv.toString();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private void delete(JsonNode dataset) {
        api.http().delete().uri("/datasets/" + dataset.get("id").asString()).exchange().expectStatus().isNoContent();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private long sum(String table) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(stored_bytes), 0) FROM " + table, Long.class);
    }
}
