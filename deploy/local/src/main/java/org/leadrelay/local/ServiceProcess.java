package org.leadrelay.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Lead Relay service as its own process: its full output goes to its log file, and what a
 * person should see (warnings, errors, Lead Relay's own lines, the start-up line) to the console
 * with the service's name in front.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, Path jar, int port, Path logs, List<String> arguments, PrintStream console) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built: " + jar + " is missing. Run ./leadrelay (it builds what is missing) or ./mvnw -DskipTests package.");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(extraJvmOptions(name));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Path log = logs.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ServiceProcess service = new ServiceProcess(name, port, process, log);
            Thread pump = new Thread(() -> service.pump(console), name + "-output");
            pump.setDaemon(true);
            pump.start();
            return service;
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * JVM options from {@code LEADRELAY_JAVA_OPTS} (for every service), for profiling or trying other
     * settings; {@code {service}} in them becomes the service's name (a JFR file per service, say).
     */
    static List<String> extraJvmOptions(String service) {
        String options = System.getenv("LEADRELAY_JAVA_OPTS");
        if (options == null || options.isBlank()) {
            return List.of();
        }
        List<String> parsed = new ArrayList<>();
        for (String option : options.trim().split("\\s+")) {
            parsed.add(option.replace("{service}", service));
        }
        return parsed;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until the service reports itself healthy, or fails naming its log. */
    void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(name + " stopped while starting (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + name);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + name);
            }
        }
        throw new StackException(name + " did not become healthy within " + timeout.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, a grace period for a clean shutdown, then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private void pump(PrintStream console) {
        String prefix = String.format("%-21s| ", name);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.write(line);
                file.write(System.lineSeparator());
                file.flush();
                if (worthShowing(line)) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException streamClosedAtExit) {
            // the JDK closes a finished process's output once drained: the end of the log
        }
    }

    private static boolean worthShowing(String line) {
        return line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("org.leadrelay") || line.contains("o.leadrelay")
                || line.contains("o.l.") || line.contains("Started ");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
