package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The transactional outbox: an event is first recorded in the service's own database, under an id
 * that makes recording it twice harmless, then relayed to Kafka at once; only the broker's
 * acknowledgement removes it. If the broker or the process fails in between, the sweeper publishes
 * it later, so an event whose cause was stored is never lost. Events of one key leave in the order
 * they were recorded: an event never overtakes an earlier one for the same key that is still
 * pending. Delivery is at least once: consumers recognise a repeated event by its id or its effect.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final EventCodec codec;
    private final String source;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer publishLatency;

    Outbox(MongoTemplate mongo, EventPublisher publisher, EventCodec codec, String source, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.codec = codec;
        this.source = source;
        this.clock = clock;
        this.meters = meters;
        this.publishLatency = Timer.builder("leadrelay.events.publish")
                .description("time from recording an event to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
        // exported at 0 from the start for every topic of the contract, so alerts see the series before a first failure
        for (String topic : Topics.ALL) {
            meters.counter("leadrelay.events.publish.failures", "topic", topic);
        }
    }

    /** Wraps an event in its CloudEvents envelope with this service as the source. */
    public <T extends LeadRelayEvent> EventEnvelope<T> envelope(UUID id, T event) {
        return EventEnvelope.of(id, source, clock.instant(), event);
    }

    /**
     * Records the event and relays it to Kafka right away.
     *
     * @return true when the broker acknowledged it now; false when the sweeper will publish it later
     */
    public boolean publish(EventEnvelope<?> envelope) {
        OutboxEntry entry = store(envelope);
        // the outbox holds only what is not yet acknowledged, so this look is over a few entries; a find
        // (not a count, which the embedded server runs as an aggregation) stops at the second one
        if (mongo.find(Query.query(Criteria.where("key").is(entry.key())).limit(2), OutboxEntry.class).size() > 1) {
            // an earlier event for this key is still pending: the sweeper sends both, in order
            log.info("event {} for key {} waits behind an earlier pending event", entry.id(), entry.key());
            return false;
        }
        return relay(entry);
    }

    /** Records the event for the sweeper to publish; recording the same event id twice stores it once. */
    public void record(EventEnvelope<?> envelope) {
        store(envelope);
    }

    private OutboxEntry store(EventEnvelope<?> envelope) {
        OutboxEntry entry = new OutboxEntry(envelope.id().toString(), envelope.topic(), envelope.key(), envelope.type(),
                envelope.source(), envelope.time(), codec.write(envelope.data()), clock.instant());
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException alreadyRecorded) {
            log.debug("event {} already recorded", entry.id());
        }
        return entry;
    }

    /** Publishes every entry recorded before {@code olderThan} ago, oldest first; returns how many went out. */
    public int sweep(Duration olderThan, int batch) {
        Query pending = Query.query(Criteria.where("recordedAt").lt(clock.instant().minus(olderThan)))
                .with(Sort.by("recordedAt")).limit(batch);
        List<OutboxEntry> entries = mongo.find(pending, OutboxEntry.class);
        int published = 0;
        for (OutboxEntry entry : entries) {
            if (!relay(entry)) {
                break; // the broker is still unreachable: keep the rest in order for the next sweep
            }
            published++;
        }
        if (published > 0) {
            log.info("outbox sweep published {} pending events", published);
        }
        return published;
    }

    /** When the oldest event waiting for publication was recorded (the outbox holds only those). */
    public Optional<Instant> oldestPending() {
        OutboxEntry oldest = mongo.findOne(new Query().with(Sort.by("recordedAt")).limit(1), OutboxEntry.class);
        return Optional.ofNullable(oldest).map(OutboxEntry::recordedAt);
    }

    /** How many events wait for publication. */
    public long pending() {
        // the count command answers from the collection's size; count() would run an aggregation
        return mongo.estimatedCount(OutboxEntry.class);
    }

    boolean relay(OutboxEntry entry) {
        try {
            publisher.send(entry.topic(), entry.key(), UUID.fromString(entry.id()), entry.type(), entry.source(), entry.time(),
                    entry.payload());
        } catch (EventNotPublishedException e) {
            meters.counter("leadrelay.events.publish.failures", "topic", entry.topic()).increment();
            log.warn("event {} of type {} for key {} not yet published: {}", entry.id(), entry.type(), entry.key(), e.getMessage());
            return false;
        }
        mongo.remove(Query.query(Criteria.where("_id").is(entry.id())), OutboxEntry.class);
        publishLatency.record(Duration.between(entry.recordedAt(), clock.instant()));
        Counter.builder("leadrelay.events.published").tag("topic", entry.topic()).tag("type", entry.type())
                .register(meters).increment();
        return true;
    }
}
