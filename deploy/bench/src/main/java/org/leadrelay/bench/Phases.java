package org.leadrelay.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;

/**
 * Runs one phase at a time: posts its leads (on a fixed schedule, or unpaced), waits for every
 * answer, then for every accepted lead's webhook and events, so the next phase starts on a drained
 * stack and the CPU window holds all the work its leads caused. Then joins what the sender, the
 * webhook endpoint and the topics saw of each lead.
 */
final class Phases {

    private static final Duration ANSWERS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EVENTS_STALL = Duration.ofSeconds(10);

    private final Parts parts;
    private final String run;
    private final AtomicLong nextLead;
    private final Duration drainTimeout;
    private final PrintStream console;

    /** What a phase uses of the bench. */
    record Parts(LeadSender sender, BenchPartners partners, PartnerEndpoint endpoint, EventWatcher watcher, StackProcesses processes,
            FootprintSampler footprints, WallClock clock, int ticksPerSecond, int cores) {
    }

    Phases(Parts parts, String run, AtomicLong nextLead, Duration drainTimeout, PrintStream console) {
        this.parts = parts;
        this.run = run;
        this.nextLead = nextLead;
        this.drainTimeout = drainTimeout;
        this.console = console;
    }

    /** Runs a phase; {@code measure} false (warm-up, preload) keeps no events, no latencies and no footprint. */
    PhaseResult run(PhaseSpec spec, boolean measure) {
        Map<String, Long> arrivals = parts.endpoint().startRecording();
        Map<String, EventStamps> events;
        if (measure) {
            events = parts.watcher().startRecording();
        } else {
            parts.watcher().stopRecording();
            events = Map.of();
        }
        Queue<Post> posts = new ConcurrentLinkedQueue<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        LongAccumulator lastSent = new LongAccumulator(Math::max, Long.MIN_VALUE);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        // the footprint's first and last rounds (a metrics scrape of each service) fall outside the CPU window
        FootprintSampler.Recording footprint = measure ? parts.footprints().start() : null;
        StackProcesses.CpuSample before = parts.processes().sample();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        progress.scheduleAtFixedRate(() -> console.printf("  %s: %,d sent, %,d answered, %,d webhooks%n", spec.name(), sent.get(),
                posts.size(), arrivals.size()), 10, 10, TimeUnit.SECONDS);
        try {
            Sending sending = new Sending(posts, sent, inFlight, lastSent);
            if (spec.paced()) {
                sendPaced(spec, start, sending);
            } else {
                sendUnpaced(spec, start, sending);
            }
            await(inFlight::get, 0, ANSWERS_TIMEOUT, "answers from lead-intake", true);
            List<String> accepted = posts.stream().filter(Post::accepted).map(Post::leadId).toList();
            // the map's size is cheap and only the phase's leads are in it, but for stragglers of an earlier phase: count exactly at the end
            LongSupplier webhooks = () -> arrivals.size() < accepted.size() ? arrivals.size()
                    : accepted.stream().filter(arrivals::containsKey).count();
            long delivered = await(webhooks, accepted.size(), drainTimeout, "webhooks", false);
            if (measure) {
                await(() -> accepted.stream().filter(id -> arrivals.containsKey(id) && complete(events.get(id))).count(), delivered,
                        EVENTS_STALL, "events", false);
            }
            StackProcesses.CpuSample after = parts.processes().sample();
            List<FootprintSample> footprints = footprint == null ? List.of() : footprint.stop();
            return result(spec, start, posts, arrivals, events, measure, lastSent.get(), before, after, footprints);
        } finally {
            progress.shutdownNow();
            if (footprint != null) {
                footprint.close();
            }
        }
    }

    private record Sending(Queue<Post> posts, AtomicLong sent, AtomicLong inFlight, LongAccumulator lastSent) {
    }

    private void sendPaced(PhaseSpec spec, long start, Sending sending) {
        Schedule schedule = new Schedule(start, spec.rate());
        long leads = spec.leads() != null ? spec.leads() : schedule.leadsWithin(spec.duration());
        for (long i = 0; i < leads; i++) {
            long due = schedule.due(i);
            Schedule.awaitDue(due);
            send(due, sending, () -> {
            });
        }
    }

    /** Closed loop: a new lead as soon as one of {@code concurrency} answers; latency counts from the actual send. */
    private void sendUnpaced(PhaseSpec spec, long start, Sending sending) {
        Schedule.awaitDue(start);
        Semaphore slots = new Semaphore(spec.concurrency());
        long end = spec.leads() != null ? Long.MAX_VALUE : start + spec.duration().toNanos();
        long leads = spec.leads() != null ? spec.leads() : Long.MAX_VALUE;
        for (long i = 0; i < leads && System.nanoTime() < end; i++) {
            slots.acquireUninterruptibly();
            send(System.nanoTime(), sending, slots::release);
        }
    }

    private void send(long due, Sending sending, Runnable answered) {
        long lead = nextLead.getAndIncrement();
        parts.partners().ensureFor(lead + 1);
        String json = SampleLeads.json(run, lead, parts.partners().productFor(lead));
        sending.inFlight().incrementAndGet();
        sending.sent().incrementAndGet();
        sending.lastSent().accumulate(System.nanoTime());
        parts.sender().post(lead, due, SourceAddresses.of(lead), json, post -> {
            sending.posts().add(post);
            sending.inFlight().decrementAndGet();
            answered.run();
        });
    }

    private static boolean complete(EventStamps stamps) {
        return stamps != null && stamps.published() != EventStamps.NONE && stamps.assigned() != EventStamps.NONE
                && stamps.webhookDelivered() != EventStamps.NONE && stamps.emailDelivered() != EventStamps.NONE;
    }

    /**
     * Waits until {@code done} reaches {@code target}, giving up after {@code stall} without progress
     * ({@code down}: counting down to the target). Returns where it got.
     */
    private long await(LongSupplier done, long target, Duration stall, String what, boolean down) {
        long last = done.getAsLong();
        long lastChange = System.nanoTime();
        while (down ? last > target : last < target) {
            sleep(200);
            long now = done.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                console.printf("  gave up waiting for %s after %d s without progress: %,d %s%n", what, stall.toSeconds(),
                        down ? last : target - last, down ? "still outstanding" : "missing");
                break;
            }
        }
        return last;
    }

    private PhaseResult result(PhaseSpec spec, long start, Queue<Post> posts, Map<String, Long> arrivals, Map<String, EventStamps> events,
            boolean measure, long lastSent, StackProcesses.CpuSample before, StackProcesses.CpuSample after,
            List<FootprintSample> footprint) {
        StageHistograms stages = measure ? new StageHistograms() : null;
        Map<String, Long> refused = new TreeMap<>();
        long accepted = 0;
        long delivered = 0;
        long unroutable = 0;
        long failed = 0;
        long lastWebhook = start;
        for (Post post : new ArrayList<>(posts)) {
            if (!post.accepted()) {
                refused.merge(post.refusal(), 1L, Long::sum);
                continue;
            }
            accepted++;
            Long webhook = arrivals.get(post.leadId());
            if (webhook != null) {
                delivered++;
                lastWebhook = Math.max(lastWebhook, webhook);
            }
            EventStamps stamps = events.get(post.leadId());
            if (stamps != null) {
                unroutable += stamps.unroutable() > 0 ? 1 : 0;
                failed += stamps.failed();
            }
            if (measure) {
                stages.add(Timeline.of(post, webhook, stamps, parts.clock()));
            }
        }
        double sendSeconds = lastSent == Long.MIN_VALUE ? 0 : (lastSent - start) / 1e9 + (spec.paced() ? 1 / spec.rate() : 0);
        return new PhaseResult(spec, posts.size(), accepted, refused, delivered, unroutable, failed, sendSeconds, (lastWebhook - start) / 1e9,
                (after.nanos() - start) / 1e9, stages,
                StackProcesses.between(before, after, accepted, parts.ticksPerSecond(), parts.cores()), footprint);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
