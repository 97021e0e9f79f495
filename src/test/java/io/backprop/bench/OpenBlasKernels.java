package io.backprop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.factory.Nd4j;

import tools.jackson.databind.JsonNode;

/**
 * Which OpenBLAS kernels each side runs. OpenBLAS picks them from the CPU when it loads, and an older build may not
 * know a newer CPU: on one 2-core machine Debian's OpenBLAS 0.3.21 under NumPy fell back to its generic "Prescott"
 * kernels (W5 in 1.8 s) where ND4J's 0.3.30 picked "Cooperlake" (0.5–0.8 s). NumPy's ratios then measure the
 * kernels, not the code around them, so the benchmark names both and can force NumPy onto ND4J's kernels
 * ({@code OPENBLAS_CORETYPE}). OpenBLAS prints its choice when loaded with {@code OPENBLAS_VERBOSE=2}.
 *
 * @param description both sides' kernels, for the report
 * @param sameKernels NumPy's figures on ND4J's kernels, by workload; empty when its own are the same, or were not
 *        run
 */
record OpenBlasKernels(String description, Map<String, JsonNode> sameKernels) {

    private static final Pattern CORE = Pattern.compile("Core: (\\w+)");
    /** The library file, as the JVM started by {@link #nd4j()} prints it: the jar it came from, else its path. */
    private static final Pattern LIBRARY = Pattern.compile("Library: .*?/cache/([^/]+\\.jar|.+)");
    /** The workloads whose time goes to matrix products. */
    private static final List<String> BLAS_BOUND = List.of("W4", "W5", "I1");

    /**
     * Names both sides' kernels and, when they differ, runs NumPy's matrix-bound workloads among {@code workloads}
     * again on ND4J's (when {@code reference}: else only ND4J's are named).
     */
    static OpenBlasKernels compare(boolean reference, Path bench, List<String> workloads, int repeats)
            throws IOException, InterruptedException {
        String[] loaded = nd4j();
        String nd4j = loaded[0];
        String description = "OpenBLAS kernels: ND4J's " + nd4j + (loaded[1] == null ? "" : " (" + loaded[1] + ")");
        if (!reference) {
            return new OpenBlasKernels(description, Map.of());
        }
        String own = numpy(Map.of());
        description += ", NumPy's " + own;
        List<String> blasBound = workloads.stream().filter(BLAS_BOUND::contains).toList();
        if (own.equalsIgnoreCase(nd4j) || blasBound.isEmpty()) {
            return new OpenBlasKernels(description, Map.of());
        }
        Map<String, String> forced = Map.of("OPENBLAS_CORETYPE", nd4j);
        String taken = numpy(forced);
        if (!taken.equalsIgnoreCase(nd4j)) {
            return new OpenBlasKernels(description + "; NumPy's OpenBLAS does not take ND4J's (it picked " + taken
                    + ")", Map.of());
        }
        return new OpenBlasKernels(description + "; NumPy run again on ND4J's (OPENBLAS_CORETYPE=" + nd4j + ") for "
                + String.join(", ", blasBound), NumpyReference.run(bench, blasBound, repeats, forced));
    }

    /**
     * Loads ND4J's OpenBLAS, which prints its kernels, in a JVM {@link #nd4j()} starts, and prints which library file
     * that was: the one ND4J's platform jar bundles, or the system's when asked for (see README, Performance).
     */
    public static void main(String[] args) throws IOException {
        Nd4j.create(1);
        try (var maps = java.nio.file.Files.lines(Path.of("/proc/self/maps"))) {
            maps.filter(line -> line.contains("libopenblas")).findFirst()
                    .ifPresent(line -> System.out.println("Library: " + line.substring(line.lastIndexOf(' ') + 1)));
        }
    }

    /** The kernels ND4J's OpenBLAS picks on this machine, and its library: loaded as this JVM was told to load it. */
    private static String[] nd4j() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command()
                .orElse("java")));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("org.bytedeco."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenBlasKernels.class.getName()));
        return kernels(command, Map.of());
    }

    /** The kernels NumPy's OpenBLAS picks, with {@code environment} added to this process's. */
    private static String numpy(Map<String, String> environment) throws IOException, InterruptedException {
        return kernels(List.of(NumpyReference.PYTHON, "-c", "import numpy"), environment)[0];
    }

    /** The kernels a process's OpenBLAS picks, and its library file where the process prints it (else null). */
    private static String[] kernels(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("OPENBLAS_VERBOSE", "2");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        Matcher core = CORE.matcher(output);
        Matcher library = LIBRARY.matcher(output);
        return new String[] {core.find() ? core.group(1) : "unknown", library.find() ? library.group(1) : null};
    }
}
