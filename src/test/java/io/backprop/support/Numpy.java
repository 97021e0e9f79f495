package io.backprop.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs NumPy itself (python3), so that the files and numbers the tests compare with are NumPy's own. */
public final class Numpy {

    private Numpy() {
    }

    static boolean available() {
        try {
            run("import numpy");
            return true;
        }
        catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Runs a Python script that has {@code np} imported and its arguments in {@code args}; returns what it
     * printed.
     *
     * @throws IllegalStateException when it fails or takes more than a minute
     */
    public static String run(String script, Object... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", "import sys\nimport numpy as np\n"
                + "args = sys.argv[1:]\n" + script));
        for (Object arg : args) {
            command.add(arg instanceof Path path ? path.toAbsolutePath().toString() : String.valueOf(arg));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("python3 took more than a minute");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("python3 failed: " + output);
            }
            return output;
        }
        catch (IOException e) {
            throw new IllegalStateException("python3 cannot be run: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
