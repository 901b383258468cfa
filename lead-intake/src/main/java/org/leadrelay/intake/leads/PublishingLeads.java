package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.leadrelay.kit.outbox.EventRelay;
import org.leadrelay.kit.outbox.EventRelays;
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
 * <p>Through the kit's {@link EventRelay}: a lead is marked before it is stored and unmarked once
 * the broker has it, and the relay's sweeper publishes what stays marked past the sweep grace. The
 * marks hold only the leads in flight, so neither the sweep nor the pending gauges read the leads'
 * history. Since every lead is marked, an immediate send is only a shortcut: skipping one delays
 * the lead until the sweeper takes it, it never loses it.
 *
 * <p>So no request waits for the broker. Sends run on a bounded pool of senders, never on a request
 * thread: a send can block for the whole send timeout ({@code leadrelay.events.send-timeout}; the
 * kit's producer has {@code max.block.ms}, {@code request.timeout.ms} and
 * {@code delivery.timeout.ms} set to it, so not for Kafka's default 60 s either). Once a send goes
 * unacknowledged, intake stops sending right after the 202 and leaves every lead to the sweeper,
 * queued ones included, until a send is acknowledged again. The sweeper is the probe: it does not
 * look at this state, and the lead whose send failed stays marked, so once the sweep grace has
 * passed it tries the oldest marked lead at every sweep, and its first success turns the senders
 * back on while it publishes the backlog, oldest first. A separate probe would only bring the first
 * immediate send after an outage sooner; the leads left to the sweeper meanwhile wait about the
 * sweep grace, as during the outage.
 *
 * <p>When the senders' queue is full the request waits at most 200 ms for a place, then
 * leaves the lead to the sweeper. While the broker is up and fast a place frees within
 * milliseconds, so this is back-pressure: intake slows to what the broker takes. When the broker has
 * just gone down, the senders are stuck in sends that intake cannot yet know will fail, the queue
 * fills, and the wait stays that short instead of a send timeout.
 *
 * <p>The same relay publishes a lead's {@code LeadErased}: its erasure marks the lead again (under
 * another token, so the mark outlives a LeadReceived sent meanwhile), and a lead with an erasure is
 * never sent as LeadReceived any more, by a sender or the sweeper; the sweeper finishes the erasure
 * instead (removing what a crash left of the data) and publishes LeadErased, under an id derived
 * from the leadId, as LeadReceived's is. A LeadReceived whose send had already begun on another
 * instance when the erasure came may still reach the broker: LeadErased follows it.
 */
@Service
public class PublishingLeads implements SmartLifecycle {

    static final String EVENT = "lead-received";
    static final String ERASED_EVENT = "lead-erased";
    private static final String TOKEN = "received";
    private static final String ERASED_TOKEN = "erased";
    private static final Logger log = LoggerFactory.getLogger(PublishingLeads.class);
    private static final int QUEUE = 500;
    /** How long a request waits for a place in the senders' full queue before leaving its lead to the sweeper. */
    private static final Duration SLOT_WAIT = Duration.ofMillis(200);

    private final Leads leads;
    private final LeadErasures erasures;
    private final ForgettingLeads forgetting;
    private final EventPublisher publisher;
    private final EventsProperties events;
    private final Clock clock;
    private final EventRelay relay;
    /** Held here: a gauge keeps only a weak reference to what it reads. */
    private final PendingGauges gauges;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
            runnable -> daemon(runnable, "lead-publisher"), this::waitForASlot);
    /** Leads this instance is sending right now, by the senders or the sweeper. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /** Whether the last send, by a sender or the sweeper, was acknowledged: while not, leads wait for the sweeper. */
    private final AtomicBoolean brokerAcknowledges = new AtomicBoolean(true);
    private final Counter deferredBrokerUnreachable;
    private final Counter deferredSendersBusy;

    PublishingLeads(Leads leads, LeadErasures erasures, ForgettingLeads forgetting, EventPublisher publisher, EventsProperties events,
            Clock clock, MeterRegistry meters, EventRelays relays) {
        this.leads = leads;
        this.erasures = erasures;
        this.forgetting = forgetting;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.relay = relays.batchRelay("lead-relay", this::publishStored);
        this.gauges = new PendingGauges(() -> {
            long waiting = relay.pending();
            return waiting == 0 ? PendingLeads.NONE : new PendingLeads(waiting, relay.oldestPending().orElse(null));
        }, clock);
        Gauge.builder("leadrelay.intake.pending", gauges, PendingGauges::count)
                .description("leads whose LeadReceived or LeadErased is not yet published, read from the store when scraped").register(meters);
        Gauge.builder("leadrelay.intake.pending.oldest", gauges, PendingGauges::oldestSeconds).baseUnit("seconds")
                .description("how long the oldest of them has waited, read from the store when scraped").register(meters);
        this.deferredBrokerUnreachable = deferred(meters, "broker-unreachable");
        this.deferredSendersBusy = deferred(meters, "senders-busy");
    }

    private static Counter deferred(MeterRegistry meters, String reason) {
        return Counter.builder("leadrelay.intake.deferred").tag("reason", reason)
                .description("leads not sent right after their 202 but left to the relay's sweeper").register(meters);
    }

    /** Marks the lead as to be published; call it before the lead is stored. */
    public void willPublish(UUID leadId) {
        relay.mark(leadId.toString(), TOKEN);
    }

    /**
     * Publishes the lead as soon as a sender is free, or leaves it to the sweeper when the broker
     * has stopped acknowledging or no sender can take it within {@code SLOT_WAIT}. Never sends on
     * the caller's thread.
     */
    public void publishSoon(LeadReceived lead) {
        if (!brokerAcknowledges.get()) {
            deferredBrokerUnreachable.increment();
            return;
        }
        senders.execute(() -> {
            // queued before the broker stopped acknowledging: each send would wait the send timeout
            if (!brokerAcknowledges.get()) {
                deferredBrokerUnreachable.increment();
                return;
            }
            // a sender that waited past the send timeout may find the sweeper has published it
            boolean maybeSwept = !clock.instant().isBefore(lead.receivedAt().plus(events.sendTimeout()));
            publish(lead, maybeSwept);
        });
    }

    /** Marks the lead as having its LeadErased to publish; call it before its erasure is recorded. */
    void willPublishErasure(UUID leadId) {
        relay.mark(leadId.toString(), ERASED_TOKEN);
    }

    /**
     * Publishes the erased lead's LeadErased as soon as a sender is free, or leaves it to the
     * sweeper, as {@link #publishSoon} does. Never sends on the caller's thread.
     */
    void publishErasureSoon(UUID leadId) {
        if (!brokerAcknowledges.get()) {
            deferredBrokerUnreachable.increment();
            return;
        }
        senders.execute(() -> {
            if (!brokerAcknowledges.get()) {
                deferredBrokerUnreachable.increment();
                return;
            }
            publishErasure(leadId);
        });
    }

    /** The senders' queue is full: the caller waits a little for a place, then leaves the lead to the sweeper. */
    private void waitForASlot(Runnable send, ThreadPoolExecutor pool) {
        try {
            if (!pool.isShutdown() && pool.getQueue().offer(send, SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deferredSendersBusy.increment();
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
            // an erased lead's contact never leaves intake; its erasure's mark has the relay send LeadErased
            if (erasures.ofLead(leadId).isPresent()) {
                return Sent.SKIPPED;
            }
            EventEnvelope<LeadReceived> envelope = EventEnvelope.of(EventIds.derived(EVENT, leadId), events.source(),
                    lead.receivedAt(), lead);
            if (!sent(envelope, leadId)) {
                return Sent.FAILED;
            }
            leads.markPublished(leadId);
            relay.unmark(leadId.toString(), TOKEN);
            return Sent.PUBLISHED;
        } finally {
            inFlight.remove(leadId);
        }
    }

    /**
     * Finishes the lead's erasure if a crash interrupted it and publishes its LeadErased, unless the
     * broker has it already, then drops the erasure's mark.
     */
    Sent publishErasure(UUID leadId) {
        if (!inFlight.add(leadId)) {
            return Sent.SKIPPED;
        }
        try {
            Optional<LeadErasure> recorded = erasures.ofLead(leadId);
            if (recorded.isEmpty()) {
                return Sent.PUBLISHED; // marked by a request that failed before recording it: nothing to publish
            }
            LeadErasure erasure = forgetting.forget(recorded.get());
            if (erasure.publishedAt() == null) {
                EventEnvelope<LeadErased> envelope = EventEnvelope.of(EventIds.derived(ERASED_EVENT, leadId), events.source(),
                        erasure.erasedAt(), new LeadErased(leadId, erasure.erasedAt()));
                if (!sent(envelope, leadId)) {
                    return Sent.FAILED;
                }
                erasures.published(leadId, clock.instant());
            }
            relay.unmark(leadId.toString(), ERASED_TOKEN);
            return Sent.PUBLISHED;
        } finally {
            inFlight.remove(leadId);
        }
    }

    /** Sends one event of the lead and keeps track of whether the broker acknowledges. */
    private boolean sent(EventEnvelope<?> envelope, UUID leadId) {
        try {
            publisher.send(envelope);
        } catch (EventNotPublishedException e) {
            if (brokerAcknowledges.getAndSet(false)) {
                log.warn("lead {} not acknowledged by the broker ({}): leads wait for the relay's sweeper until it acknowledges again",
                        leadId, e.getMessage());
            } else {
                log.debug("lead {} not yet published, will retry: {}", leadId, e.getMessage());
            }
            return false;
        }
        if (!brokerAcknowledges.getAndSet(true)) {
            log.info("the broker acknowledges again (lead {}): leads are sent right after their 202 again", leadId);
        }
        return true;
    }

    /**
     * The sweeper's way: each marked lead is published unless it is already, or was never stored.
     * A lead this instance is sending right now stays marked (its sender drops the mark, or the
     * next sweep takes it); the first lead the broker refuses stops the batch.
     */
    private Set<String> publishStored(List<String> keys) {
        Set<String> done = new HashSet<>();
        for (String key : keys) {
            UUID leadId = UUID.fromString(key);
            if (erasures.ofLead(leadId).isPresent()) {
                Sent sent = publishErasure(leadId);
                if (sent == Sent.FAILED) {
                    break;
                }
                if (sent == Sent.PUBLISHED) {
                    done.add(key);
                }
                continue;
            }
            Optional<StoredLead> stored = leads.find(leadId);
            if (stored.isEmpty() || stored.get().status() != IntakeStatus.RECEIVED) {
                done.add(key); // published already, a duplicate, or never stored (its request got no 202)
                continue;
            }
            Sent sent = publish(stored.get().lead(), true);
            if (sent == Sent.FAILED) {
                break;
            }
            if (sent == Sent.PUBLISHED) {
                done.add(key);
            }
        }
        return done;
    }

    enum Sent { PUBLISHED, SKIPPED, FAILED }

    @Override
    public void start() {
        relay.start();
    }

    @Override
    public void stop() {
        relay.stop();
        senders.shutdown();
        try {
            senders.awaitTermination(events.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
