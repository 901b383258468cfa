package org.leadrelay.deploy.compose;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line tools that check deployment files here (docker-compose, promtool), run with a bound. */
final class Commands {

    private Commands() {
    }

    /** The program's path on PATH, or null when it is not installed. */
    static String onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs {@code command} in this module's folder, without the caller's LEADRELAY_ and COMPOSE_ variables. */
    static Result run(List<String> command, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Deployment.COMPOSE_DIR.toFile());
        // only the env file given decides: nothing from the environment of whoever runs the build
        builder.environment().keySet().removeIf(name -> name.startsWith("LEADRELAY_") || name.startsWith("COMPOSE_"));
        try {
            Path stdout = Files.createTempFile("command", ".out");
            Path stderr = Files.createTempFile("command", ".err");
            try {
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("no answer within " + timeoutSeconds + " s: " + command);
                }
                return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
