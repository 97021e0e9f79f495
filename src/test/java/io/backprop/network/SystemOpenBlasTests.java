package io.backprop.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's opt-in for the operating system's OpenBLAS (Debian's libopenblas0, which .ci/run installs): with its
 * two JVM options ND4J loads that library instead of the one its platform jar bundles, and multiplies with it.
 */
class SystemOpenBlasTests {

    static final List<String> OPTIONS = List.of("-Dorg.bytedeco.openblas.load=openblas",
            "-Dorg.bytedeco.javacpp.pathsFirst=true");

    @Test
    void theReadmesOptionsShouldLoadTheSystemsOpenBlasAndMultiplyWithIt() throws Exception {
        String withOptions = probe(OPTIONS);
        String bundled = probe(List.of());

        for (String output : List.of(withOptions, bundled)) {
            assertThat(output).contains("float64 [[1.0, 2.0, 8.0], [3.0, 4.0, 18.0], [5.0, 6.0, 28.0]]",
                    "float32 [[1.0, 2.0, 8.0], [3.0, 4.0, 18.0], [5.0, 6.0, 28.0]]");
        }
        assertThat(library(bundled)).contains(".jar/");
        assertThat(library(withOptions)).doesNotContain(".jar/").contains("libopenblas");
    }

    private static String library(String output) {
        return output.lines().filter(line -> line.startsWith("Library: ")).findFirst().orElse("none");
    }

    private static String probe(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenBlasProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
