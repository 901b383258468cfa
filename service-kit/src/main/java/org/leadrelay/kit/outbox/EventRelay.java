package org.leadrelay.kit.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The relay of an aggregate that keeps the events its changes cause in its own document (a lead in
 * lead-intake, a lead's case in lead-router, a partner in partner-directory). Before each such
 * write the aggregate's key is <em>marked</em> in a small collection, {@code relay_marks}; right
 * after the write the owner publishes and the mark goes. A sweeper publishes whatever a crash or a
 * broker outage left marked. Published work leaves the collection, so it holds only what is in
 * flight or stuck: the sweeper's scan and the pending gauges cost the same after a million leads
 * as after ten, where a flag on the aggregate would be a scan of its whole history.
 *
 * <p>A mark carries a token (the aggregate's version, say): removing a mark names the token it
 * published, so a newer change marked meanwhile keeps its mark. Marking, publishing and unmarking
 * are each one exact-key operation; a unique index on {@code (_id, token)} lets the embedded
 * database serve the conditional delete without a scan.
 */
public class EventRelay implements SmartLifecycle {

    static final String COLLECTION = "relay_marks";
    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int BATCH = 200;

    /** What the owner does to publish one aggregate's pending events. */
    @FunctionalInterface
    public interface Source {

        /**
         * Publishes what the aggregate under {@code key} still has pending.
         *
         * @return true when nothing of it is pending any more (published now, already published, or
         *         the aggregate was never stored); false when the broker did not take it
         */
        boolean relay(String key);
    }

    private final MongoTemplate mongo;
    private final Source source;
    private final Clock clock;
    private final Duration grace;
    private final PeriodicTask sweeper;

    EventRelay(String name, MongoTemplate mongo, Source source, Clock clock, Duration interval, Duration grace) {
        this.mongo = mongo;
        this.source = source;
        this.clock = clock;
        this.grace = grace;
        this.sweeper = PeriodicTask.every(interval, name + "-sweeper", this::sweepBatch).startingAfter(Duration.ZERO);
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("token", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index().on("markedAt", Sort.Direction.ASC));
    }

    /** Marks the aggregate as having events to publish; call it before the write that records them. */
    public void mark(String key, String token) {
        mongo.upsert(Query.query(where("_id").is(key)), new Update().set("token", token).set("markedAt", Date.from(clock.instant())),
                COLLECTION);
    }

    /** Marks many aggregates at once (a bulk import, a republish of everything). */
    public void markAll(List<String> keys, String token) {
        Date now = Date.from(clock.instant());
        for (String key : keys) {
            mongo.upsert(Query.query(where("_id").is(key)), new Update().set("token", token).set("markedAt", now), COLLECTION);
        }
    }

    /** Drops the mark if it still carries {@code token}: the events it stood for are on the broker. */
    public void unmark(String key, String token) {
        mongo.remove(Query.query(where("_id").is(key).and("token").is(token)), COLLECTION);
    }

    /**
     * Publishes the aggregate's pending events through the owner, then drops the mark.
     *
     * @return true when nothing is pending any more
     */
    public boolean relay(String key, String token) {
        if (!source.relay(key)) {
            return false;
        }
        unmark(key, token);
        return true;
    }

    /** Publishes what was marked longer ago than the grace, oldest first; true when a full batch went out. */
    boolean sweepBatch() {
        Query stale = Query.query(where("markedAt").lt(Date.from(clock.instant().minus(grace)))).with(Sort.by("markedAt")).limit(BATCH);
        List<Document> marks = mongo.find(stale, Document.class, COLLECTION);
        int published = 0;
        for (Document mark : marks) {
            if (!relay(mark.getString("_id"), mark.getString("token"))) {
                log.info("relay sweep stopped: the broker did not take the events of {} yet", mark.getString("_id"));
                return false;
            }
            published++;
        }
        if (published > 0) {
            log.info("relay sweep published the pending events of {} aggregates", published);
        }
        return marks.size() == BATCH;
    }

    /** One sweep now, on the caller's thread; returns how many marks it took. */
    public int sweep() {
        long before = pending();
        while (sweepBatch()) {
            log.debug("relay sweep continues");
        }
        return (int) Math.max(0, before - pending());
    }

    /** Sweeps soon on the relay's own thread, without waiting for the interval (after a failed send, say). */
    public void sweepSoon() {
        sweeper.runSoon();
    }

    /** How many aggregates have events waiting for the broker. */
    public long pending() {
        return mongo.count(new Query(), COLLECTION);
    }

    /** When the oldest waiting aggregate was marked. */
    public Optional<Instant> oldestPending() {
        Query oldest = new Query().with(Sort.by("markedAt")).limit(1);
        Document first = mongo.findOne(oldest, Document.class, COLLECTION);
        return Optional.ofNullable(first).map(mark -> mark.getDate("markedAt")).map(Date::toInstant);
    }

    @Override
    public void start() {
        sweeper.start();
    }

    @Override
    public void stop() {
        sweeper.stop();
    }

    @Override
    public boolean isRunning() {
        return sweeper.isRunning();
    }
}
