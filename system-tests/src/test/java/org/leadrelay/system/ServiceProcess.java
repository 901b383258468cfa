package org.leadrelay.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One service run from its packaged jar as its own process, as in production, so that it can be
 * killed as a machine fails (SIGKILL: no shutdown hook, no last commit) and started again on the
 * same port. Its output goes to a log file that grows across restarts.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final int port;
    private final List<String> arguments;
    private final Path log;
    private Process process;
    private int kills;

    private ServiceProcess(String service, int port, List<String> arguments, Path log) {
        this.service = service;
        this.port = port;
        this.arguments = arguments;
        this.log = log;
    }

    /** Starts the service from {@code <service>/target/<service>-<version>-exec.jar}; call {@link #awaitHealthy} next. */
    static ServiceProcess start(String service, Path logs, List<String> arguments) {
        ServiceProcess started = new ServiceProcess(service, freePort(), List.copyOf(arguments), logs.resolve(service + "-" + freePort() + ".log"));
        started.launch();
        return started;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String name() {
        return service;
    }

    int kills() {
        return kills;
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        kills++;
    }

    /** Starts the killed service again, on the same port and arguments. */
    void restart() {
        launch();
    }

    void awaitHealthy(Duration timeout) {
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                .failFast(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(service + " stopped while starting: " + tail());
                    }
                })
                .until(() -> {
                    HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"UP\"");
                });
    }

    private void launch() {
        Path jar = HOME.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the service's module is packaged before system-tests runs");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms64m", "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
