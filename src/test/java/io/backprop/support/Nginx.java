package io.backprop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The repository's load-balancer configuration (deploy/nginx.conf) run by Debian's nginx in front of a service
 * on this machine: only where the replicas are and the port it listens on differ from the image's.
 */
public final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx in {@code directory} in front of the service on {@code servicePort}. */
    public static Nginx inFrontOf(int servicePort, Path directory) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String site = Files.readString(Path.of("deploy", "nginx.conf"))
                .replaceAll("resolver [^;]*;", "")
                .replace("http://backprop:8080", "http://127.0.0.1:" + servicePort)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        // the worker processes (nobody, when started by root) write their temporary files here
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(directory.resolve("site.conf"), site);
        Files.writeString(directory.resolve("nginx.conf"), """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/site.conf;
                }
                """.formatted(directory));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", directory.toString(), "-c",
                directory.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("output.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new Nginx(process, port);
            }
            catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx ended: " + Files.readString(directory.resolve(
                            "output.log")));
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new UncheckedIOException(new IOException("nginx did not listen on " + port));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
