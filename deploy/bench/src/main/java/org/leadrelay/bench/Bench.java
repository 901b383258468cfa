package org.leadrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command behind {@code ./leadrelay bench}: registers its partners on the running stack, then
 * optionally preloads history, warms up, and measures each rate in turn; prints the results as
 * markdown, appends them to {@code results.md}, draws latency against rate and writes the footprint
 * samples to {@code soak-<run>.csv}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // kafka-clients and HttpClient log through slf4j-simple: warnings only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        PrintStream console = System.out;
        if (args.length > 0 && args[0].equals("console")) {
            ConsolePages.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            console.println(BenchOptions.USAGE);
            return;
        }
        int status = 0;
        try {
            run(BenchOptions.parse(args), String.join(" ", args), console);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            status = 2;
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static void run(BenchOptions options, String arguments, PrintStream console) {
        StackTarget stack = options.portOffset() != null ? StackTarget.withOffset(options.portOffset())
                : StackTarget.fromStackFile(options.dataDir());
        requireUp(stack);
        String run = runId();
        Instant started = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        StackProcesses processes = StackProcesses.find(stack);
        List<String> missing = processes.missing(stack);
        console.printf("Bench run %s against lead-intake on 127.0.0.1:%d, posting from %d client addresses (127.0.0.%d to 127.0.0.%d).%n",
                run, stack.intake(), SourceAddresses.count(), SourceAddresses.FIRST, SourceAddresses.LAST);
        console.println("CPU of: " + processes.pids() + (missing.isEmpty() ? "" : "; not found, so not reported: " + missing));
        FootprintSampler footprints = new FootprintSampler(processes, stack, options.sampleEvery());
        console.println("Memory, open files and threads of the launcher and each service sampled every "
                + ResultsReport.every(options.sampleEvery()) + " while a rate is measured.");

        AtomicLong nextLead = new AtomicLong();
        List<PhaseResult> results = new ArrayList<>();
        try (PartnerEndpoint endpoint = PartnerEndpoint.start();
                LeadSender sender = new LeadSender(stack.leads(), options.connections());
                EventWatcher watcher = EventWatcher.start(stack.kafkaBootstrap())) {
            BenchPartners partners = new BenchPartners(stack, run, options.partnerCapacity(), endpoint::webhookUrl);
            partners.ensureFor((long) BenchPartners.GROUP * options.partnerCapacity());
            partners.awaitKnownToRouter(Duration.ofSeconds(60));
            partners.keepAhead(nextLead::get);
            console.printf("Registered %d bench partners (capacity %d each, webhooks to %s); more are added as leads are posted.%n",
                    partners.registered(), options.partnerCapacity(), endpoint.webhookUrl(0).resolve("."));
            Phases phases = new Phases(new Phases.Parts(sender, partners, endpoint, watcher, processes, footprints, WallClock.calibrate(),
                    ProcStat.ticksPerSecond(), cores), run, nextLead, options.drainTimeout(), console);

            if (options.preload() > 0) {
                console.printf("Preloading %,d leads of history, unpaced (%d in flight) ...%n", options.preload(), options.concurrency());
                summary(console, phases.run(new PhaseSpec("preload", 0, options.concurrency(), null, options.preload()), false));
            }
            double firstRate = options.rates().get(0);
            if (!options.warmup().isZero()) {
                PhaseSpec warmup = new PhaseSpec("warm-up", firstRate, options.concurrency(), options.warmup(), null);
                console.printf("Warming up at %s for %d s ...%n", warmup.rateLabel(), options.warmup().toSeconds());
                summary(console, phases.run(warmup, false));
            }
            for (double rate : options.rates()) {
                PhaseSpec spec = new PhaseSpec("", rate, options.concurrency(), options.leads() == null ? options.duration() : null,
                        options.leads());
                spec = new PhaseSpec(spec.rateLabel(), rate, spec.concurrency(), spec.duration(), spec.leads());
                console.printf("Measuring %s for %s ...%n", spec.rateLabel(),
                        spec.leads() != null ? String.format(Locale.ROOT, "%,d leads", spec.leads()) : spec.duration().toSeconds() + " s");
                PhaseResult result = phases.run(spec, true);
                summary(console, result);
                results.add(result);
            }
            console.printf("Bench partners: %d registered; webhooks received in all: %,d.%n", partners.registered(), endpoint.offers());
        }

        ResultsReport.RunInfo info = new ResultsReport.RunInfo(run, started, arguments, options.label(), options.preload(),
                options.partnerCapacity(), cores, Runtime.version().toString(), options.sampleEvery());
        String markdown = ResultsReport.markdown(info, results);
        console.println();
        console.println(markdown);
        write(options.out(), run, info, markdown, results, console);
    }

    private static void summary(PrintStream console, PhaseResult phase) {
        console.printf(Locale.ROOT, "  %s: %,d posted (%.1f/s), %,d accepted, %,d refused, %,d webhooks received (%.1f/s end to end), %,d unroutable%n",
                phase.spec().name(), phase.posted(), phase.sentPerSecond(), phase.accepted(), phase.refusedCount(), phase.delivered(),
                phase.deliveredPerSecond(), phase.unroutable());
        if (phase.stages() != null) {
            console.println("    post → 202      p50 / p90 / p99 / max: " + ResultsReport.spread(phase.stages().of(Stage.POST_TO_ANSWER)) + " ms");
            console.println("    post → webhook  p50 / p90 / p99 / max: " + ResultsReport.spread(phase.stages().of(Stage.POST_TO_WEBHOOK)) + " ms");
        }
        if (!phase.footprint().isEmpty()) {
            console.println("    footprint: " + FootprintSummary.verdictLine(FootprintSummary.of(phase.footprint())));
        }
    }

    private static void write(Path out, String run, ResultsReport.RunInfo info, String markdown, List<PhaseResult> results,
            PrintStream console) {
        try {
            Files.createDirectories(out);
            Path file = out.resolve("results.md");
            Path png = out.resolve("latency-" + run + ".png");
            Path csv = out.resolve("soak-" + run + ".csv");
            String entry = markdown + "\n![post → webhook latency against rate](latency-" + run + ".png)\n\n";
            if (!Files.exists(file)) {
                entry = "# Lead Relay bench results\n\nAppended by `./leadrelay bench`, newest last.\n\n" + entry;
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            String subtitle = "run " + run + (info.label() == null ? "" : ", " + info.label())
                    + (info.history() > 0 ? String.format(Locale.ROOT, ", after %,d leads of history", info.history()) : "")
                    + ", " + info.cores() + " cores";
            LatencyPlot.write(results.stream().map(LatencyPlot::of).toList(), "Lead Relay: post → webhook latency against rate",
                    subtitle, png);
            Files.writeString(csv, FootprintCsv.of(results), StandardCharsets.UTF_8);
            console.println("Results appended to " + file.toAbsolutePath().normalize() + "; plot in " + png.toAbsolutePath().normalize()
                    + "; footprint samples in " + csv.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the results to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void requireUp(StackTarget stack) {
        URI health = URI.create("http://127.0.0.1:" + stack.intake() + "/actuator/health");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("lead-intake at " + health + " answers HTTP " + response.statusCode() + ": is the stack up?");
            }
        } catch (IOException e) {
            throw new IllegalStateException("lead-intake does not answer at " + health + ": start the stack with ./leadrelay first", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Six lower-case letters and digits: lead-intake lower-cases products, and the run's product names carry it. */
    private static String runId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
