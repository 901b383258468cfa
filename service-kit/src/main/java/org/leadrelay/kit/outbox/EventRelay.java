package org.leadrelay.kit.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.bson.Document;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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

    /** The same for an owner that publishes many aggregates at once (in one batch of sends). */
    @FunctionalInterface
    public interface BatchSource {

        /**
         * Publishes what the aggregates under {@code keys} still have pending.
         *
         * @return the keys of which nothing is pending any more; a key left out stays marked
         */
        Set<String> relay(List<String> keys);
    }

    /** A single-aggregate source as a batch one that stops at the first aggregate the broker did not take. */
    static BatchSource oneByOne(Source source) {
        return keys -> {
            Set<String> done = new HashSet<>();
            for (String key : keys) {
                if (!source.relay(key)) {
                    break;
                }
                done.add(key);
            }
            return done;
        };
    }

    private final MongoTemplate mongo;
    private final BatchSource source;
    private final Clock clock;
    private final Duration grace;
    private final PeriodicTask sweeper;
    private volatile boolean hurry;

    EventRelay(String name, MongoTemplate mongo, BatchSource source, Clock clock, Duration interval, Duration grace) {
        this.mongo = mongo;
        this.source = source;
        this.clock = clock;
        this.grace = grace;
        this.sweeper = PeriodicTask.every(interval, name + "-sweeper", this::sweepMarked).startingAfter(Duration.ZERO);
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("token", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index().on("markedAt", Sort.Direction.ASC));
    }

    /** Marks the aggregate as having events to publish; call it before the write that records them. */
    public void mark(String key, String token) {
        mongo.upsert(Query.query(where("_id").is(key)), new Update().set("token", token).set("markedAt", Date.from(clock.instant())),
                COLLECTION);
    }

    /** Marks many aggregates at once, key to token (a bulk import, a republish of everything): one bulk write. */
    public void markAll(Map<String, String> tokensByKey) {
        if (tokensByKey.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        tokensByKey.forEach((key, token) -> bulk.upsert(Query.query(where("_id").is(key)),
                new Update().set("token", token).set("markedAt", now)));
        bulk.execute();
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
        if (!source.relay(List.of(key)).contains(key)) {
            return false;
        }
        unmark(key, token);
        return true;
    }

    /** The sweeper's run: what was marked longer ago than the grace (or everything, when asked to hurry). */
    private boolean sweepMarked() {
        boolean more = sweepBatch(hurry ? Duration.ZERO : grace);
        if (!more) {
            hurry = false;
        }
        return more;
    }

    /** Publishes what was marked longer ago than {@code olderThan}, oldest first; true when a full batch went out. */
    private boolean sweepBatch(Duration olderThan) {
        Query stale = Query.query(where("markedAt").lte(Date.from(clock.instant().minus(olderThan)))).with(Sort.by("markedAt"))
                .limit(BATCH);
        List<Document> marks = mongo.find(stale, Document.class, COLLECTION);
        if (marks.isEmpty()) {
            return false;
        }
        Set<String> done = source.relay(marks.stream().map(mark -> mark.getString("_id")).toList());
        for (Document mark : marks) {
            if (done.contains(mark.getString("_id"))) {
                unmark(mark.getString("_id"), mark.getString("token"));
            }
        }
        log.info("relay sweep published the pending events of {} of {} marked aggregates", done.size(), marks.size());
        return done.size() == marks.size() && marks.size() == BATCH;
    }

    /**
     * Publishes everything marked, now, on the caller's thread, without waiting for the grace (after
     * a bulk write whose owner wants it out at once); returns how many marks it took.
     */
    public int sweep() {
        long before = pending();
        while (sweepBatch(Duration.ZERO)) {
            log.debug("relay sweep continues");
        }
        return (int) Math.max(0, before - pending());
    }

    /** The same on the relay's own thread, soon: the caller does not wait. */
    public void sweepSoon() {
        hurry = true;
        sweeper.runSoon();
    }

    /** How many aggregates have events waiting for the broker. */
    public long pending() {
        // the count command answers from the collection's size; count() would run an aggregation
        return mongo.estimatedCount(COLLECTION);
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
