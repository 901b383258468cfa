package org.leadrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says of a process: the CPU it has used (utime + stime of
 * {@code /proc/<pid>/stat}, in clock ticks, every thread included), its command line, and its
 * footprint (resident memory and threads from {@code /proc/<pid>/status}, open files from
 * {@code /proc/<pid>/fd}).
 */
final class ProcStat {

    static final Path PROC = Path.of("/proc");

    private static final int UTIME = 14;
    private static final int STIME = 15;

    private ProcStat() {
    }

    /**
     * utime + stime from one {@code /proc/<pid>/stat} line. The second field is the command name in
     * parentheses and may hold spaces and parentheses itself, so fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // after ')' comes field 3 (state)
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        return Long.parseLong(fields[UTIME - 3]) + Long.parseLong(fields[STIME - 3]);
    }

    /** The process's CPU ticks, or empty when it is gone. */
    static OptionalLong cpuTicks(long pid) {
        try {
            return OptionalLong.of(cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
    }

    /** The process's arguments (NUL-separated in {@code /proc/<pid>/cmdline}), or none when unreadable. */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return args;
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /**
     * A numeric field of {@code /proc/<pid>/status}: {@code VmRSS:\t  190236 kB} gives 190236 (kB, as the
     * kernel writes it), {@code Threads:\t61} gives 61. Empty when the field is absent (a kernel thread, or a
     * process exiting, has no VmRSS).
     */
    static OptionalLong statusField(String status, String field) {
        String prefix = field + ":";
        for (String line : status.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] words = line.substring(prefix.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(words[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** Entries of a {@code /proc/<pid>/fd} directory (one per open file, socket, pipe), or empty when unreadable. */
    static OptionalLong openFiles(Path fdDirectory) {
        try (Stream<Path> entries = Files.list(fdDirectory)) {
            return OptionalLong.of(entries.count());
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    /**
     * The process's resident memory, open files and threads under {@code proc} (normally {@link #PROC}), or empty
     * when it is gone or not readable (another user's {@code fd} directory). The heap is not known here.
     */
    static Optional<Footprint> footprint(Path proc, long pid) {
        Path process = proc.resolve(Long.toString(pid));
        try {
            String status = Files.readString(process.resolve("status"), StandardCharsets.UTF_8);
            OptionalLong rss = statusField(status, "VmRSS");
            OptionalLong threads = statusField(status, "Threads");
            OptionalLong files = openFiles(process.resolve("fd"));
            if (rss.isEmpty() || threads.isEmpty() || files.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Footprint(rss.getAsLong(), files.getAsLong(), threads.getAsLong(), null));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every common Linux. */
    static int ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (getconf.waitFor() == 0) {
                return Integer.parseInt(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
