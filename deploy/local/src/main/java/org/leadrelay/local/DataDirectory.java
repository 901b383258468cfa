package org.leadrelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Everything the stack keeps, under one directory: Kafka's log, the database file, logs, the seed
 * marker and the partners' webhook secrets. A lock file makes a second start say clearly that one
 * is running.
 */
final class DataDirectory {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path kafka() {
        return dir("kafka");
    }

    Path mongoFile() {
        return dir("mongo").resolve("leadrelay.mv");
    }

    Path logs() {
        return dir("logs");
    }

    Path seededMarker() {
        return root.resolve("seeded");
    }

    Path partnerSecrets() {
        return root.resolve("partner-secrets.json");
    }

    Path stackFile() {
        return root.resolve("stack.json");
    }

    /** Takes the directory for this process, or fails saying which process has it. */
    void lock() {
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve("leadrelay.lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            lock = lockChannel.tryLock();
            if (lock == null) {
                String holder = Files.readString(root.resolve("leadrelay.pid"), StandardCharsets.UTF_8).trim();
                throw new StackException("Lead Relay is already running from " + root + " (launcher pid " + holder
                        + "). Stop it with Ctrl-C in its terminal or `kill " + holder + "`, or use another --data-dir.");
            }
            Files.writeString(root.resolve("leadrelay.pid"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot use the data directory " + root + ": " + e.getMessage(), e);
        }
    }

    boolean locked() {
        return lock != null;
    }

    void unlock() {
        try {
            if (lock != null) {
                lock.release();
                lockChannel.close();
                lock = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything the stack kept. Only while holding the lock, so a running stack is never wiped. */
    void wipe() {
        if (!locked()) {
            throw new IllegalStateException("wipe needs the lock");
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(root))
                    .filter(path -> !path.getFileName().toString().startsWith("leadrelay."))
                    .forEach(path -> {
                        try {
                            Files.delete(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
