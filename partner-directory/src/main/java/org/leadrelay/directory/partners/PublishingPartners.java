package org.leadrelay.directory.partners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Puts every partner's current state on the compacted partners topic. Each partner record says
 * whether its latest revision is on the topic, and that flag is set in the same document write as
 * the change, so a crash after the write loses nothing: the relay below sends right after each
 * change and a sweeper sends whatever is still unpublished (after a crash, a broker outage, or an
 * operator's republish-all). It always sends the state as stored at the time of sending, and one
 * partner's sends never overlap in this process, so the topic's last record for a partner is its
 * latest state; a deleted partner's record becomes a tombstone, after which the record is purged.
 */
@Service
public class PublishingPartners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishingPartners.class);
    private static final int BATCH = 500;
    private static final int STRIPES = 64;

    private final Partners partners;
    private final EventPublisher publisher;
    private final DirectoryProperties directory;
    private final EventsProperties events;
    private final Clock clock;
    private final Counter upserts;
    private final Counter tombstones;
    private final Lock[] stripes = new Lock[STRIPES];
    private ScheduledExecutorService sweeper;

    PublishingPartners(Partners partners, EventPublisher publisher, DirectoryProperties directory, EventsProperties events,
            Clock clock, MeterRegistry meters) {
        this.partners = partners;
        this.publisher = publisher;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.upserts = changesPublished(meters, "upsert");
        this.tombstones = changesPublished(meters, "tombstone");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    private static Counter changesPublished(MeterRegistry meters, String kind) {
        return Counter.builder("leadrelay.directory.changes.published").description("partner states and tombstones put on partners.v1")
                .tag("kind", kind).register(meters);
    }

    /**
     * Publishes the partner's stored state if the topic does not have it yet.
     *
     * @return true when the topic has it now; false when the sweeper will try again
     */
    public boolean publish(UUID partnerId) {
        Lock lock = stripes[Math.floorMod(partnerId.hashCode(), STRIPES)];
        lock.lock();
        try {
            Partner partner = partners.record(partnerId).orElse(null);
            if (partner == null || partner.published()) {
                return true;
            }
            if (partner.deleted()) {
                publisher.tombstone(Topics.PARTNERS, partnerId.toString(), EventIds.derived("partner-deleted", partnerId, partner.revision()),
                        EventTypes.PARTNER_DELETED, events.source(), partner.updatedAt());
                partners.purge(partnerId, partner.revision());
                tombstones.increment();
            } else {
                publisher.send(envelope(partner));
                partners.markPublished(partnerId, partner.revision());
                upserts.increment();
            }
            return true;
        } catch (EventNotPublishedException e) {
            log.warn("partner {} revision not yet published, the sweeper will retry: {}", partnerId, e.getMessage());
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a write of the partner's record while no publication of that partner is under way in this
     * process, so a batch that was sent can be marked published without a newer revision slipping in
     * between.
     */
    public <T> T holding(UUID partnerId, java.util.function.Supplier<T> write) {
        Lock lock = stripes[Math.floorMod(partnerId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    /** Marks every partner unpublished and starts publishing them all, for consumers rebuilding their copy. */
    public long republishAll() {
        long marked = partners.markAllUnpublished();
        log.info("republishing all {} partners", marked);
        ScheduledExecutorService running = sweeper;
        if (running != null) {
            running.execute(this::sweep);
        }
        return marked;
    }

    /** Publishes every unpublished partner, in batches; returns how many went out. */
    public int sweep() {
        int published = 0;
        try {
            List<Partner> batch;
            do {
                int sent;
                // hold every stripe, so no single-partner publish interleaves with the batch
                lockAll();
                try {
                    batch = partners.unpublished(BATCH);
                    sent = publishBatch(batch);
                } finally {
                    unlockAll();
                }
                published += sent;
                if (sent < batch.size()) {
                    break; // the broker is not taking records: the next sweep tries again
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("partner sweep failed, will try again: {}", e.getMessage());
        }
        if (published > 0) {
            log.info("published {} pending partner changes", published);
        }
        return published;
    }

    private void lockAll() {
        for (Lock stripe : stripes) {
            stripe.lock();
        }
    }

    private void unlockAll() {
        for (Lock stripe : stripes) {
            stripe.unlock();
        }
    }

    private int publishBatch(List<Partner> batch) {
        List<Partner> upserted = new ArrayList<>();
        int published = 0;
        for (Partner partner : batch) {
            if (partner.deleted()) {
                published += publish(partner.id()) ? 1 : 0;
            } else {
                upserted.add(partner);
            }
        }
        List<EventEnvelope<?>> envelopes = new ArrayList<>(upserted.size());
        upserted.forEach(partner -> envelopes.add(envelope(partner)));
        boolean[] acknowledged = publisher.sendAll(envelopes);
        List<UUID> acknowledgedIds = new ArrayList<>();
        for (int i = 0; i < acknowledged.length; i++) {
            if (acknowledged[i]) {
                acknowledgedIds.add(upserted.get(i).id());
            }
        }
        // every stripe is held and changes are stored under their stripe, so these are still the revisions sent
        partners.markPublished(acknowledgedIds);
        upserts.increment(acknowledgedIds.size());
        published += acknowledgedIds.size();
        return published;
    }

    private EventEnvelope<?> envelope(Partner partner) {
        return EventEnvelope.of(EventIds.derived("partner-upserted", partner.id(), partner.revision()), events.source(), clock.instant(),
                partner.toEvent(directory.weightOf(partner.profile().tier())));
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partner-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = events.sweepInterval();
        sweeper.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }
}
