package org.leadrelay.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What to run, from {@code --name=value} arguments.
 *
 * @param rates           leads per second of each measured phase, in order; 0 means unpaced
 * @param duration        how long each measured phase posts, unless {@code leads} is given
 * @param leads           leads per measured phase, instead of a duration (null when not given)
 * @param warmup          posting at the first rate before the first phase, not measured
 * @param concurrency     requests in flight when unpaced (rate 0 and preload)
 * @param preload         leads of history posted unpaced, and delivered, before anything is measured
 * @param dataDir         the stack's data directory, where {@code stack.json} says its ports
 * @param portOffset      the stack's port offset, instead of reading {@code stack.json} (null when not given)
 * @param out             where results.md and the plots go (default {@code <data-dir>/bench})
 * @param partnerCapacity open leads each bench partner takes (the bench registers partners as needed)
 * @param connections     most connections to lead-intake at once, over every source address (keep it above 249: see LeadSender)
 * @param drainTimeout    how long to wait without progress for the webhooks of a phase's leads
 * @param label           a note for the results heading, such as "100,000 leads of history" (may be null)
 * @param sampleEvery     how often each stack process's memory, open files and threads are read during a measured phase
 */
record BenchOptions(List<Double> rates, Duration duration, Long leads, Duration warmup, int concurrency, long preload,
        Path dataDir, Integer portOffset, Path out, int partnerCapacity, int connections, Duration drainTimeout, String label,
        Duration sampleEvery) {

    static final String USAGE = """
            usage: ./leadrelay bench [--rate=20[,50,...]] [--duration=30s | --leads=N] [--warmup=10s] [--concurrency=16]
                                     [--preload=N] [--data-dir=.leadrelay | --port-offset=N] [--out=DIR] [--label=TEXT]
                                     [--partner-capacity=200] [--connections=512] [--drain-timeout=60s] [--sample-every=1m]
                                     [--soak]
              Drives a running stack (start it first with ./leadrelay) and reports latency from each lead's intended send
              time, per-stage times from the events, CPU per lead of each process, and each process's memory, open files
              and threads sampled every --sample-every. --rate=0 posts unpaced. --soak is short for
              --rate=50 --duration=60m --warmup=2m --sample-every=1m (options given as well override it).""";

    private static final Set<String> KNOWN = Set.of("rate", "duration", "leads", "warmup", "concurrency", "preload", "data-dir",
            "port-offset", "out", "partner-capacity", "connections", "drain-timeout", "label", "sample-every");

    /** What {@code --soak} stands for: an hour at 50 leads/s, footprint sampled every minute. */
    static final Map<String, String> SOAK = Map.of("rate", "50", "duration", "60m", "warmup", "2m", "sample-every", "1m");

    private static final Duration SHORTEST_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    BenchOptions {
        rates = List.copyOf(rates);
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 0 || rate.isNaN())) {
            throw new IllegalArgumentException("--rate must list leads per second, 0 or more: " + rates);
        }
        if (leads != null && leads < 1) {
            throw new IllegalArgumentException("--leads must be at least 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (concurrency < 1 || connections < 1) {
            throw new IllegalArgumentException("--concurrency and --connections must be at least 1");
        }
        if (partnerCapacity < 1 || partnerCapacity > 10_000) {
            throw new IllegalArgumentException("--partner-capacity must be between 1 and 10000 (partner-directory's limit)");
        }
        if (preload < 0) {
            throw new IllegalArgumentException("--preload must not be negative");
        }
        if (sampleEvery.compareTo(SHORTEST_SAMPLE_INTERVAL) < 0) {
            throw new IllegalArgumentException("--sample-every must be at least 1s");
        }
    }

    static BenchOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        if (List.of(args).contains("--soak")) {
            values.putAll(SOAK);
        }
        for (String arg : args) {
            if (arg.equals("--soak")) {
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        Path dataDir = Path.of(values.getOrDefault("data-dir", ".leadrelay"));
        return new BenchOptions(
                rates(values.getOrDefault("rate", "20")),
                duration("duration", values.getOrDefault("duration", "30s")),
                values.containsKey("leads") ? number("leads", values.get("leads")) : null,
                duration("warmup", values.getOrDefault("warmup", "10s")),
                (int) number("concurrency", values.getOrDefault("concurrency", "16")),
                number("preload", values.getOrDefault("preload", "0")),
                dataDir,
                values.containsKey("port-offset") ? (int) number("port-offset", values.get("port-offset")) : null,
                values.containsKey("out") ? Path.of(values.get("out")) : dataDir.resolve("bench"),
                (int) number("partner-capacity", values.getOrDefault("partner-capacity", "200")),
                (int) number("connections", values.getOrDefault("connections", "512")),
                duration("drain-timeout", values.getOrDefault("drain-timeout", "60s")),
                values.get("label"),
                duration("sample-every", values.getOrDefault("sample-every", "1m")));
    }

    /** {@code 20s}, {@code 2m}, {@code 500ms}, {@code 1h}, or a bare number of seconds; {@code 0} is allowed (no warm-up). */
    static Duration duration(String name, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
            }
            if (text.endsWith("h")) {
                return Duration.ofMinutes(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration such as 30s, 2m or 500ms, not " + value);
        }
    }

    private static List<Double> rates(String value) {
        List<Double> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                rates.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate must list leads per second such as 50,100,200, not " + value);
            }
        }
        return rates;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }
}
