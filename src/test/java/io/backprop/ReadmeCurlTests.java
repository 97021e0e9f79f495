package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** The curl commands of "Try it: learn XOR and predict", in order. */
    private static List<String> firstExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Try it: learn XOR and predict");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher blocks = CURL_BLOCK.matcher(section);
        return blocks.results().map(block -> block.group(1)).toList();
    }

    /** Runs a README command with bash, against this test's port, with {@code $ID} set. */
    private String curl(String command, String id) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                command.replace("localhost:8080", "127.0.0.1:" + port)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("ID", id);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status of %s", command).isZero();
        return output;
    }
}
