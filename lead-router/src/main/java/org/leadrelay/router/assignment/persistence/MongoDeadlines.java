package org.leadrelay.router.assignment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.router.assignment.Deadlines;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Timers in the router's database as a timing wheel, so that finding the due ones costs the same
 * whatever the number of open timers (one per open offer, one per accepted lead for its hold: hours
 * and weeks of leads). Each timer is a document in {@code timers}, keyed by its id; its id is also
 * added to the second it is due in, a document of {@code timer_slots} keyed by that second. The
 * watch reads the slots from the oldest unfinished one ({@code timer_cursor}) up to now by key,
 * claims each due timer with a lease by one conditional update on its key and lease token, and
 * forgets a timer when it is done; a slot with nothing left in it is dropped and the cursor moves
 * past it. Every access is an exact key lookup (a unique index on {@code (_id, lease)} serves the
 * claim on the embedded database).
 *
 * <p>A timer is never put in a slot before the current second, and the cursor never passes the
 * last {@link #SETTLING} of slots, so a timer scheduled by an instance whose clock lags a little
 * behind still fires.
 */
@Repository
class MongoDeadlines implements Deadlines {

    private static final String TIMERS = "timers";
    private static final String SLOTS = "timer_slots";
    private static final String CURSOR = "timer_cursor";
    private static final String WATCH = "watch";
    /** Slots this recent are read again on every claim, never dropped: room for clock skew and slow writes. */
    static final Duration SETTLING = Duration.ofSeconds(30);
    private static final int SLOTS_PER_READ = 600;

    private final MongoTemplate mongo;
    private final Clock clock;

    MongoDeadlines(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(TIMERS).createIndex(new Index().on("_id", Sort.Direction.ASC).on("lease", Sort.Direction.ASC).unique());
    }

    @Override
    public void schedule(Timer timer) {
        long slot = Math.max(slot(timer.dueAt()), slot(clock.instant()));
        // the slot first: a crash in between leaves an id without a timer, which the watch drops
        mongo.upsert(Query.query(where("_id").is(slot)), new Update().addToSet("timers", timer.id()), SLOTS);
        try {
            mongo.insert(new Document("_id", timer.id()).append("kind", timer.kind().name()).append("leadId", timer.leadId())
                    .append("assignmentId", timer.assignmentId()).append("partnerId", timer.partnerId())
                    .append("dueAt", Date.from(timer.dueAt())).append("slot", slot).append("lease", "")
                    .append("leaseUntil", new Date(0)).append("owner", null), TIMERS);
        } catch (DuplicateKeyException alreadyScheduled) {
            // the same timer twice is one timer
        }
    }

    @Override
    public List<Timer> claimDue(Instant now, Duration lease, String owner, int limit) {
        long last = slot(now);
        long settled = slot(now.minus(SETTLING));
        long cursor = cursor(last);
        long firstUnfinished = Long.MAX_VALUE;
        List<Timer> claimed = new ArrayList<>();
        for (long from = cursor; from <= last && claimed.size() < limit; from += SLOTS_PER_READ) {
            List<Long> keys = new ArrayList<>();
            for (long slot = from; slot <= last && slot < from + SLOTS_PER_READ; slot++) {
                keys.add(slot);
            }
            List<Document> slots = mongo.find(Query.query(where("_id").in(keys)), Document.class, SLOTS);
            slots.sort((a, b) -> Long.compare(((Number) a.get("_id")).longValue(), ((Number) b.get("_id")).longValue()));
            for (Document slot : slots) {
                long second = ((Number) slot.get("_id")).longValue();
                List<String> ids = slot.getList("timers", String.class, List.of());
                if (ids.isEmpty() && second < settled) {
                    // settled: no timer is put in a slot this old any more
                    mongo.remove(Query.query(where("_id").is(second)), SLOTS);
                    continue;
                }
                firstUnfinished = Math.min(firstUnfinished, second);
                for (String id : ids) {
                    if (claimed.size() >= limit) {
                        break;
                    }
                    Timer won = claim(id, second, now, lease, owner);
                    if (won != null) {
                        claimed.add(won);
                    }
                }
            }
        }
        long next = Math.min(firstUnfinished, settled);
        if (next > cursor && claimed.size() < limit) {
            mongo.upsert(Query.query(where("_id").is(WATCH)), new Update().max("slot", next), CURSOR);
        }
        return claimed;
    }

    private Timer claim(String id, long slot, Instant now, Duration lease, String owner) {
        Document timer = mongo.findById(id, Document.class, TIMERS);
        if (timer == null) {
            mongo.updateFirst(Query.query(where("_id").is(slot)), new Update().pull("timers", id), SLOTS);
            return null;
        }
        if (timer.getDate("dueAt").toInstant().isAfter(now) || timer.getDate("leaseUntil").toInstant().isAfter(now)) {
            return null; // not due yet (its second is not over), or another instance holds it
        }
        Document won = mongo.findAndModify(Query.query(where("_id").is(id).and("lease").is(timer.getString("lease"))),
                new Update().set("lease", UUID.randomUUID().toString()).set("leaseUntil", Date.from(now.plus(lease))).set("owner", owner),
                FindAndModifyOptions.options().returnNew(true), Document.class, TIMERS);
        if (won == null) {
            return null; // another instance claimed it between the read and the update
        }
        return new Timer(won.getString("_id"), Kind.valueOf(won.getString("kind")), won.get("leadId", UUID.class),
                won.get("assignmentId", UUID.class), won.get("partnerId", UUID.class), won.getDate("dueAt").toInstant());
    }

    private long cursor(long now) {
        Document watch = mongo.findById(WATCH, Document.class, CURSOR);
        if (watch != null) {
            return ((Number) watch.get("slot")).longValue();
        }
        // first start of the watch on this database: from the oldest slot there is (a sort, once)
        Document oldest = mongo.findOne(new Query().with(Sort.by("_id")).limit(1), Document.class, SLOTS);
        long start = oldest == null ? now : Math.min(now, ((Number) oldest.get("_id")).longValue());
        mongo.upsert(Query.query(where("_id").is(WATCH)), new Update().min("slot", start), CURSOR);
        return start;
    }

    @Override
    public void done(String timerId) {
        Document timer = mongo.findAndRemove(Query.query(where("_id").is(timerId)), Document.class, TIMERS);
        if (timer != null) {
            mongo.updateFirst(Query.query(where("_id").is(timer.get("slot"))), new Update().pull("timers", timerId), SLOTS);
        }
    }

    @Override
    public long open() {
        return mongo.estimatedCount(TIMERS);
    }

    @Override
    public Duration behind(Instant now) {
        Document watch = mongo.findById(WATCH, Document.class, CURSOR);
        if (watch == null) {
            return Duration.ZERO;
        }
        Duration behind = Duration.between(Instant.ofEpochSecond(((Number) watch.get("slot")).longValue()), now).minus(SETTLING);
        return behind.isNegative() ? Duration.ZERO : behind;
    }

    private static long slot(Instant at) {
        return at.getEpochSecond();
    }
}
