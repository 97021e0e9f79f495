package io.backprop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.sun.tools.attach.VirtualMachine;

import io.backprop.BackpropApplication;

/**
 * The service in a JVM of its own, as users run it, with the benchmark's JVM options and an H2 file in a
 * temporary folder. Measured inside the benchmark's process, uploads shared a heap holding the workloads (about
 * 570 MB live), whose marking the garbage collector repeated for every upload: the 27 MB table took 0.31 s there
 * and 0.19–0.27 s in the packaged jar.
 */
final class ServiceProcess implements AutoCloseable {

    /** Room for the tiny jobs' models (about 100,000 of them) beside the data sets: 16 GB. */
    private static final long STORE_BYTES = 16L << 30;

    final String base;
    private final Path folder;
    private final Process process;
    private JMXConnector management;

    ServiceProcess() throws Exception {
        this.folder = Files.createTempDirectory("backprop-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        this.base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName(),
                "--server.port=" + port, "--logging.level.root=warn",
                "--backprop.limits.max-store-bytes=" + STORE_BYTES,
                "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=0"));
        try {
            this.process = new ProcessBuilder(command).inheritIO().start();
        }
        catch (IOException e) {
            deleteFolder();
            throw e;
        }
        awaitHealthy();
    }

    /** The service, with the bare controller the HTTP figures compare with. */
    public static void main(String[] args) {
        new SpringApplicationBuilder(BackpropApplication.class, HttpBenchmark.BareController.class).run(args);
    }

    /** The service's platform beans (memory, collectors), through the JDK's attach mechanism. */
    MBeanServerConnection management() throws Exception {
        if (management == null) {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
            try {
                management = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            }
            finally {
                vm.detach();
            }
        }
        return management.getMBeanServerConnection();
    }

    /** The H2 file's size. */
    long databaseBytes() {
        return folder.resolve("db.mv.db").toFile().length();
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the service did not become healthy at " + base);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (management != null) {
            management.close();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        deleteFolder();
    }

    private void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
