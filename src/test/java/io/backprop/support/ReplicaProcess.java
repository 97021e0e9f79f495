package io.backprop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.backprop.BackpropApplication;

/**
 * A replica of the service in a process of its own (the test's classpath, its own port), on a PostgreSQL schema,
 * so that it can be killed (SIGKILL) or stopped (SIGTERM) as a real one would be. Its output goes to a file
 * under target/replicas.
 */
public final class ReplicaProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;

    private ReplicaProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts a replica and waits until it is ready; {@code settings} are more {@code --name=value} arguments. */
    public static ReplicaProcess start(String name, String schema, String... settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BackpropApplication.class.getName(), "--server.port=" + port,
                "--spring.datasource.url=" + TestPostgres.URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema, "--backprop.training.replica=" + name));
        command.addAll(List.of(settings));
        try {
            Path log = Files.createDirectories(Path.of("target", "replicas")).resolve(name + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("OMP_NUM_THREADS", "1");
            ReplicaProcess replica = new ReplicaProcess(name, port, builder.start());
            replica.awaitReady(Duration.ofSeconds(90));
            return replica;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** kill -9: no clean-up, no hand-back; its jobs' heartbeats just stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops a container; waits for the process to end. */
    public int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not stop within " + wait);
        }
        return process.exitValue();
    }

    private void awaitReady(Duration wait) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended before it was ready; see target/replicas");
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready within " + wait);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
