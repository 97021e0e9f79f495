package io.backprop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs ../shared/bench/numpy-reference in this same session (it installs NumPy when it can and writes the
 * shared data on its first run) and reads its figures, so that ratios compare runs on the same machine.
 */
final class NumpyReference {

    /** The interpreter ../shared/bench/numpy-reference runs, with Debian's NumPy: other figures use it too. */
    static final String PYTHON = "/usr/bin/python3";

    private NumpyReference() {
    }

    /** Runs the workloads with {@code environment} added to this process's (OpenBLAS's settings, say). */
    static Map<String, JsonNode> run(Path benchDirectory, List<String> workloads, int repeats,
            Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("numpy-reference", ".jsonl");
        ProcessBuilder builder = new ProcessBuilder(benchDirectory.resolve("numpy-reference").toString(),
                "--workloads", String.join(",", workloads), "--repeats", Integer.toString(repeats), "--out",
                out.toString()).inheritIO();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                System.out.println("The NumPy reference did not finish in 30 minutes; no ratios.");
                return Map.of();
            }
            if (process.exitValue() != 0) {
                System.out.println("The NumPy reference did not run (exit " + process.exitValue() + "); no ratios.");
                return Map.of();
            }
            Map<String, JsonNode> results = new HashMap<>();
            JsonMapper json = JsonMapper.builder().build();
            for (String line : Files.readAllLines(out)) {
                JsonNode result = json.readTree(line);
                results.put(result.get("workload").asString(), result);
            }
            return results;
        }
        finally {
            Files.deleteIfExists(out);
        }
    }
}
