package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Publishes each stored lead's LeadReceived right after the caller has its 202, and whatever is
 * still pending after a broker outage or a crash. The event id is derived from the leadId, so a
 * lead published twice (acknowledged, then the process died before marking it) carries the same
 * id and leadId, which is what consumers dedupe on.
 *
 * <p>Sends run on a bounded pool; when it is full the request thread sends itself, which slows
 * intake down to what the broker takes instead of piling up unpublished leads. The pending scan
 * runs at start-up (crash recovery), after any failed send, and every few minutes as a safety net;
 * it is a scan on the embedded database, so it does not run when there is no reason to.
 */
@Service
public class PublishingLeads implements SmartLifecycle {

    static final String EVENT = "lead-received";
    private static final Logger log = LoggerFactory.getLogger(PublishingLeads.class);
    private static final Duration SAFETY_SWEEP = Duration.ofMinutes(5);
    private static final int BATCH = 200;

    private final Leads leads;
    private final EventPublisher publisher;
    private final EventsProperties events;
    private final Clock clock;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(500),
            runnable -> daemon(runnable, "lead-publisher"), new ThreadPoolExecutor.CallerRunsPolicy());
    private final AtomicBoolean failedSince = new AtomicBoolean(true);
    /** Leads this instance is sending right now, by the senders or the sweeper. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final PendingGauges gauges;
    private volatile Instant lastSweep = Instant.EPOCH;
    private ScheduledExecutorService sweeper;

    PublishingLeads(Leads leads, EventPublisher publisher, EventsProperties events, Clock clock, MeterRegistry meters) {
        this.leads = leads;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.gauges = new PendingGauges(leads, clock);
        Gauge.builder("leadrelay.intake.pending", gauges, PendingGauges::count)
                .description("leads stored but not yet published, read from the store when scraped").register(meters);
        Gauge.builder("leadrelay.intake.pending.oldest", gauges, PendingGauges::oldestSeconds).baseUnit("seconds")
                .description("how long the oldest unpublished lead has waited, read from the store when scraped").register(meters);
    }

    /** Publishes the lead as soon as a sender is free. */
    public void publishSoon(LeadReceived lead) {
        senders.execute(() -> {
            // a sender that waited past the send timeout may find the sweeper has published it
            boolean maybeSwept = !clock.instant().isBefore(lead.receivedAt().plus(events.sendTimeout()));
            publish(lead, maybeSwept);
        });
    }

    /**
     * Sends the lead unless this instance is sending it already, or (when {@code recheck}) the store
     * says it is no longer pending: the sweeper's list may be stale, and a sender may still be
     * queued for a lead the sweeper has done, so neither publishes what the other has.
     */
    Sent publish(LeadReceived lead, boolean recheck) {
        UUID leadId = lead.leadId();
        if (!inFlight.add(leadId)) {
            return Sent.SKIPPED;
        }
        try {
            if (recheck && leads.find(leadId).map(stored -> stored.status() != IntakeStatus.RECEIVED).orElse(true)) {
                return Sent.SKIPPED;
            }
            EventEnvelope<LeadReceived> envelope = EventEnvelope.of(EventIds.derived(EVENT, leadId), events.source(),
                    lead.receivedAt(), lead);
            try {
                publisher.send(envelope);
            } catch (EventNotPublishedException e) {
                failedSince.set(true);
                log.warn("lead {} not yet published, will retry: {}", leadId, e.getMessage());
                return Sent.FAILED;
            }
            leads.markPublished(leadId);
            return Sent.PUBLISHED;
        } finally {
            inFlight.remove(leadId);
        }
    }

    /** Publishes every lead still pending, oldest first; stops at the first failure. */
    void sweep() {
        Instant now = clock.instant();
        boolean due = failedSince.getAndSet(false) || Duration.between(lastSweep, now).compareTo(SAFETY_SWEEP) >= 0;
        if (!due) {
            return;
        }
        lastSweep = now;
        List<StoredLead> unpublished = leads.unpublished(now.minus(events.sendTimeout()), BATCH);
        int published = 0;
        for (StoredLead lead : unpublished) {
            Sent sent = publish(lead.lead(), true);
            if (sent == Sent.FAILED) {
                break;
            }
            if (sent == Sent.PUBLISHED) {
                published++;
            }
        }
        if (published > 0) {
            log.info("published {} pending leads", published);
        }
        if (unpublished.size() == BATCH) {
            failedSince.set(true); // maybe more to do: sweep again next round
        }
    }

    enum Sent { PUBLISHED, SKIPPED, FAILED }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "lead-sweeper"));
        long interval = events.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                failedSince.set(true);
                log.warn("sweeping pending leads failed, will try again: {}", e.getMessage());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        senders.shutdown();
        try {
            senders.awaitTermination(events.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
