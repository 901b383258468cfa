package org.leadrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says of a process: the CPU it has used (utime + stime of
 * {@code /proc/<pid>/stat}, in clock ticks, every thread included) and its command line.
 */
final class ProcStat {

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
