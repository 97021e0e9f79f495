package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.backprop.support.ApiClient;
import io.backprop.support.EnabledIfNginx;
import io.backprop.support.HttpApiTests;
import io.backprop.support.Nginx;
import io.backprop.support.ServiceTest;

/** The compose file's load balancer (deploy/nginx.conf, run by nginx) in front of the service. */
@ServiceTest
@EnabledIfNginx
class LoadBalancerTests extends HttpApiTests {

    @TempDir
    Path directory;

    @Test
    void eventsShouldPassThroughAsTheyComeAndUploadsAndPredictionsAsUsual() throws Exception {
        try (Nginx nginx = Nginx.inFrontOf(port, directory)) {
            ApiClient throughNginx = new ApiClient(nginx.port());
            // epochs of seconds: after the state, the stream is quiet (heartbeat comments aside); a buffering proxy
            // would hold the state back until its buffer filled
            String id = throughNginx.train(ApiClient.slowEpochs(""));
            throughNginx.awaitStatus(id, "RUNNING", Duration.ofSeconds(20));
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/models/" + id + "/events")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event:state"));
            assertThat(throughNginx.get("/models/" + id).get("status").asString()).isEqualTo("RUNNING");
            throughNginx.post("/models/" + id + "/cancel", "");
            reading.get(10, TimeUnit.SECONDS);
            assertThat(lines).containsSubsequence("event:state", "event:end");

            String dataset = throughNginx.http().post().uri("/datasets?targets=y")
                    .contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
                    .body("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n").exchange().expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(ApiClient.json(dataset).get("rows").asInt()).isEqualTo(4);
            String xor = throughNginx.train(ApiClient.xor(2000));
            throughNginx.awaitSucceeded(xor);
            assertThat(throughNginx.predict(xor, ApiClient.GATES).get("labels").size()).isEqualTo(4);
        }
    }
}
