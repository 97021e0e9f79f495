package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.backprop.support.ApiClient;
import io.backprop.support.HttpApiTests;
import io.backprop.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * The README's first example, run as written with curl against the service in its default mode (the loopback
 * interface, no key): train XOR, follow it, predict.
 */
@ServiceTest
class ReadmeCurlTests extends HttpApiTests {

    private static final Pattern CURL_BLOCK = Pattern.compile("```\\n(curl [^`]*?)```");

    @Test
    void theReadmesCurlFlowWorksWithoutAKey() throws Exception {
        List<String> commands = firstExample();
        assertThat(commands).hasSize(3);

        String id = ApiClient.json(curl(commands.get(0), "")).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                ApiClient.json(curl(commands.get(1), id)).get("status").asString().equals("SUCCEEDED"));
        JsonNode prediction = ApiClient.json(curl(commands.get(2), id));

        assertThat(prediction.get("labels").toString()).isEqualTo("[0,1,1,0]");
    }

    @Test
    void theReadmesIrisSearchRunsAndRegistersItsBestTrial() throws Exception {
        List<String> commands = commands("## Tuning: cross-validation and hyper-parameter search");
        assertThat(commands).hasSize(4);

        String dataset = ApiClient.json(curl(commands.get(0), Map.of())).get("id").asString();
        String search = ApiClient.json(curl(commands.get(1), Map.of("DATASET", dataset))).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> ApiClient.json(curl(commands.get(2),
                Map.of("SEARCH", search))).get("status").asString().equals("SUCCEEDED"));
        JsonNode ranked = ApiClient.json(curl(commands.get(2), Map.of("SEARCH", search)));
        JsonNode registered = ApiClient.json(curl(commands.get(3), Map.of("SEARCH", search)));

        JsonNode best = ranked.get("trials").get(0);
        assertThat(ranked.get("trials")).hasSize(4);
        assertThat(best.get("modelId").asString()).isEqualTo(ranked.at("/best/modelId").asString());
        assertThat(best.get("metric").asDouble()).isGreaterThan(0.9);
        assertThat(registered.get("name").asString()).isEqualTo("iris");
        assertThat(registered.get("id").asString()).isEqualTo(best.get("modelId").asString());
        System.out.printf("README iris search: %s%n", ranked.get("trials").valueStream().map(t -> t.get("settings")
                + " " + t.get("metric") + " ± " + api.get("/models/" + t.get("modelId").asString())
                        .at("/metrics/crossValidation/std/accuracy")).toList());
    }

    /** The curl commands of "Try it: learn XOR and predict", in order. */
    private static List<String> firstExample() throws IOException {
        return commands("## Try it: learn XOR and predict");
    }

    /** The curl commands of a README section, in order. */
    private static List<String> commands(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(heading);
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher blocks = CURL_BLOCK.matcher(section);
        return blocks.results().map(block -> block.group(1)).toList();
    }

    private String curl(String command, String id) throws IOException, InterruptedException {
        return curl(command, Map.of("ID", id));
    }

    /** Runs a README command with bash, against this test's port, with {@code variables} set. */
    private String curl(String command, Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                command.replace("localhost:8080", "127.0.0.1:" + port)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status of %s", command).isZero();
        return output;
    }
}
