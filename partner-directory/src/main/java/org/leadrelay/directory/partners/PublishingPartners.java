package org.leadrelay.directory.partners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.leadrelay.kit.outbox.EventRelay;
import org.leadrelay.kit.outbox.EventRelays;
import org.leadrelay.kit.scheduling.InBackground;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Puts every partner's current state on the compacted partners topic. Through the kit's
 * {@link EventRelay}, a partner is marked (with its revision) before each write that changes it,
 * and the mark goes once the topic has that revision, so a crash after the write loses nothing: the
 * relay below sends right after each change, and the relay's sweeper sends whatever stays marked
 * (after a crash, a broker outage, an import or an operator's republish-all), in batches. The
 * marks hold only what is in flight, so the sweep never reads the whole directory. It always sends
 * the state as stored at the time of sending. A partner is sent only under its publication lease,
 * held in the database ({@link PublicationLeases}), so one partner's sends never overlap, in one
 * instance or across several, and a revision is recorded published only while it is still the
 * stored one: the topic's last record for a partner is its latest state. A deleted partner's
 * record becomes a tombstone, after which the record is purged. No lock lives in memory, so any
 * number of instances may run.
 */
@Service
public class PublishingPartners implements InBackground {

    private static final Logger log = LoggerFactory.getLogger(PublishingPartners.class);
    private static final int BATCH = 500;

    private final Partners partners;
    private final EventPublisher publisher;
    private final DirectoryProperties directory;
    private final EventsProperties events;
    private final Clock clock;
    private final Counter upserts;
    private final Counter tombstones;
    private final PublicationLeases leases;
    /** Longer than any send can take (the producer gives up after the send timeout), so a lease never runs out mid-send. */
    private final Duration leaseLength;
    private final EventRelay relay;

    PublishingPartners(Partners partners, PublicationLeases leases, EventPublisher publisher, DirectoryProperties directory,
            EventsProperties events, Clock clock, MeterRegistry meters, EventRelays relays) {
        this.partners = partners;
        this.leases = leases;
        this.leaseLength = events.sendTimeout().multipliedBy(2).plusSeconds(10);
        this.publisher = publisher;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.upserts = changesPublished(meters, "upsert");
        this.tombstones = changesPublished(meters, "tombstone");
        this.relay = relays.batchRelay("partner-relay", this::publishMarked);
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
        String holder = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (leases.take(List.of(partnerId), holder, now, now.plus(leaseLength)).isEmpty()) {
            // another request or instance is sending it: what it does not send stays marked for the sweeper
            log.debug("partner {} is being published elsewhere; the sweeper takes what stays marked", partnerId);
            return false;
        }
        try {
            return publishHeld(partnerId);
        } finally {
            leases.give(List.of(partnerId), holder);
        }
    }

    /** Publishes the partner's stored state; the caller holds its lease. */
    private boolean publishHeld(UUID partnerId) {
        try {
            Partner partner = partners.record(partnerId).orElse(null);
            if (partner == null || partner.published()) {
                return true;
            }
            if (partner.deleted()) {
                publisher.tombstone(Topics.PARTNERS, partnerId.toString(), EventIds.derived("partner-deleted", partnerId, partner.revision()),
                        EventTypes.PARTNER_DELETED, events.source(), partner.updatedAt());
                partners.purge(partnerId, partner.revision());
                relay.unmark(partnerId.toString(), token(partner));
                tombstones.increment();
            } else {
                publisher.send(envelope(partner));
                partners.markPublished(partnerId, partner.revision());
                relay.unmark(partnerId.toString(), token(partner));
                upserts.increment();
            }
            return true;
        } catch (EventNotPublishedException e) {
            log.warn("partner {} revision not yet published, the sweeper will retry: {}", partnerId, e.getMessage());
            return false;
        }
    }

    /** Marks the partner's coming revision for the relay; call it before the write that stores it. */
    public void willPublish(Partner partner) {
        relay.mark(partner.id().toString(), token(partner));
    }

    /** The same for many partners written at once. */
    public void willPublishAll(Collection<Partner> written) {
        Map<String, String> tokens = new HashMap<>();
        written.forEach(partner -> tokens.put(partner.id().toString(), token(partner)));
        relay.markAll(tokens);
    }

    /** Marks every partner unpublished and starts publishing them all, for consumers rebuilding their copy. */
    public long republishAll() {
        Map<UUID, Long> revisions = partners.markAllUnpublished();
        Map<String, String> tokens = new HashMap<>();
        revisions.forEach((id, revision) -> tokens.put(id.toString(), Long.toString(revision)));
        relay.markAll(tokens);
        log.info("republishing all {} partners", revisions.size());
        relay.sweepSoon();
        return revisions.size();
    }

    /** Publishes every marked partner now, in batches; returns how many marks went. */
    public int sweep() {
        return relay.sweep();
    }

    /**
     * The relay's sweep: the marked partners' stored states, sent in one batch, for the partners
     * whose lease it gets; returns the partners done. One that another instance is sending stays
     * marked for the next sweep.
     */
    private Set<String> publishMarked(List<String> keys) {
        Set<String> done = new HashSet<>();
        String holder = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Set<UUID> held = leases.take(keys.stream().map(UUID::fromString).toList(), holder, now, now.plus(leaseLength));
        try {
            Map<UUID, Partner> stored = new HashMap<>();
            partners.records(held).forEach(partner -> stored.put(partner.id(), partner));
            List<Partner> batch = new ArrayList<>();
            for (UUID id : held) {
                Partner partner = stored.get(id);
                if (partner == null || partner.published()) {
                    done.add(id.toString()); // purged after its tombstone, or on the topic already
                } else {
                    batch.add(partner);
                }
            }
            for (UUID published : publishBatch(batch)) {
                done.add(published.toString());
            }
        } catch (RuntimeException e) {
            log.warn("partner sweep failed, will try again: {}", e.getMessage());
        } finally {
            leases.give(held, holder);
        }
        return done;
    }

    private List<UUID> publishBatch(List<Partner> batch) {
        List<Partner> upserted = new ArrayList<>();
        List<UUID> published = new ArrayList<>();
        for (Partner partner : batch) {
            if (partner.deleted()) {
                if (publishHeld(partner.id())) {
                    published.add(partner.id());
                }
            } else {
                upserted.add(partner);
            }
        }
        List<EventEnvelope<?>> envelopes = new ArrayList<>(upserted.size());
        upserted.forEach(partner -> envelopes.add(envelope(partner)));
        boolean[] acknowledged = publisher.sendAll(envelopes);
        Map<UUID, Long> acknowledgedRevisions = new HashMap<>();
        for (int i = 0; i < acknowledged.length; i++) {
            if (acknowledged[i]) {
                acknowledgedRevisions.put(upserted.get(i).id(), upserted.get(i).revision());
            }
        }
        // a partner changed since it was read stays unpublished (and marked): its newer revision goes next
        partners.markPublished(acknowledgedRevisions);
        List<UUID> acknowledgedIds = new ArrayList<>(acknowledgedRevisions.keySet());
        upserts.increment(acknowledgedIds.size());
        published.addAll(acknowledgedIds);
        return published;
    }

    private static String token(Partner partner) {
        return Long.toString(partner.revision());
    }

    private EventEnvelope<?> envelope(Partner partner) {
        return EventEnvelope.of(EventIds.derived("partner-upserted", partner.id(), partner.revision()), events.source(), clock.instant(),
                partner.toEvent(directory.weightOf(partner.profile().tier())));
    }

    @Override
    public SmartLifecycle background() {
        return relay;
    }
}
