package org.leadrelay.kit.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.bson.Document;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * When the documents of one kind must go, kept so that finding the expired ones costs the same
 * however many are stored: a timing wheel of slots ({@code expiry_slots}), one document per kind
 * and slot of time, listing the ids that expire in it; {@code expiry_cursors} holds, per kind, the
 * oldest slot not handled yet. {@link #expireDue} reads the slots from the cursor to now by key,
 * hands their ids to the owner (who deletes or erases them: it must be idempotent, an id can come
 * twice after a crash), pulls the ids it handed over from the slot (an id added meanwhile stays for
 * the next run), drops a slot once it is empty and settled, and moves the cursor. Every access is by
 * key, so it needs no index, on the embedded server or on MongoDB.
 *
 * <p>Why not a TTL index: MongoDB deletes silently, and some kinds must do more than delete (an
 * expired lead is erased everywhere, with {@code LeadErased}); and the embedded server has no TTL
 * monitor. A slot more recent than {@link #SETTLING} is read again at every run, so an id scheduled
 * by an instance whose clock lags a little still expires.
 */
public final class Expiries {

    static final String SLOTS = "expiry_slots";
    static final String CURSORS = "expiry_cursors";
    /** Slots this recent are read again at every run: room for clock skew between instances. */
    static final Duration SETTLING = Duration.ofSeconds(30);
    private static final int SLOTS_PER_READ = 600;

    private final MongoTemplate mongo;
    private final String name;
    private final String kind;
    private final long slotMillis;
    private final Clock clock;
    private volatile boolean cursorPlaced;

    /**
     * @param kind      what expires, for example {@code leads}: the key prefix of its slots
     * @param slotWidth how much time one slot covers; ids expire at the end of their slot. Part of
     *                  the wheel's name: ids scheduled under another width are in another wheel, which
     *                  this one never reads, so keep it fixed once a database holds expiries
     */
    public Expiries(MongoTemplate mongo, String kind, Duration slotWidth, Clock clock) {
        if (slotWidth.toMillis() < 1) {
            throw new IllegalArgumentException(kind + ": the slot width must be at least a millisecond");
        }
        this.mongo = Objects.requireNonNull(mongo);
        this.slotMillis = slotWidth.toMillis();
        // the width in the name: slots of different widths never mix (a wheel's width is fixed for its database)
        this.name = Objects.requireNonNull(kind);
        this.kind = kind + "@" + slotMillis + "ms";
        this.clock = Objects.requireNonNull(clock);
    }

    /** Has {@code id} expire at {@code at} (or now, if that is past): one write, by key. */
    public void expireAt(Object id, Instant at) {
        long now = slot(clock.instant());
        if (!cursorPlaced) {
            // the first schedule of this process: no id it schedules can be in a slot before now
            mongo.upsert(Query.query(where("_id").is(kind)), new Update().min("slot", now), CURSORS);
            cursorPlaced = true;
        }
        mongo.upsert(Query.query(where("_id").is(key(Math.max(slot(at), now)))), new Update().push("ids", id), SLOTS);
    }

    /**
     * Hands the ids of every slot that is over to {@code expire}, a slot at a time, oldest first,
     * and forgets each slot once {@code expire} returns. If it throws, the slot stays and the next
     * run hands it again.
     *
     * @param maxSlots the most slots with ids handled in this run
     * @return how many ids were handed over; {@code maxSlots} slots handled means more may be due
     */
    public Result expireDue(int maxSlots, Consumer<List<Object>> expire) {
        Instant now = clock.instant();
        long over = slot(now) - 1; // a slot is over once its end has passed
        long settled = slot(now.minus(SETTLING)) - 1;
        Document cursorDocument = mongo.findById(kind, Document.class, CURSORS);
        if (cursorDocument == null) {
            return new Result(0, false); // nothing ever scheduled
        }
        long cursor = ((Number) cursorDocument.get("slot")).longValue();
        int handled = 0;
        long ids = 0;
        long lastHandled = cursor;
        for (long from = cursor; from <= over && handled < maxSlots; from += SLOTS_PER_READ) {
            List<String> keys = new ArrayList<>();
            for (long slot = from; slot <= over && slot < from + SLOTS_PER_READ; slot++) {
                keys.add(key(slot));
            }
            List<Document> slots = mongo.find(Query.query(where("_id").in(keys)), Document.class, SLOTS);
            slots.sort((a, b) -> Long.compare(slotOf(a), slotOf(b)));
            for (Document slot : slots) {
                long number = slotOf(slot);
                List<Object> due = slot.getList("ids", Object.class, List.of());
                if (due.isEmpty()) {
                    if (number <= settled) {
                        // settled: nothing is added to a slot this old any more
                        mongo.remove(Query.query(where("_id").is(slot.get("_id"))), SLOTS);
                    }
                    continue;
                }
                if (handled >= maxSlots) {
                    break;
                }
                expire.accept(due);
                if (number <= settled) {
                    mongo.remove(Query.query(where("_id").is(slot.get("_id"))), SLOTS); // settled: nothing more comes to it
                } else {
                    // only what was handed over leaves a recent slot: an id added meanwhile waits for the next run
                    mongo.updateFirst(Query.query(where("_id").is(slot.get("_id"))), new Update().pullAll("ids", due.toArray()), SLOTS);
                }
                ids += due.size();
                handled++;
                lastHandled = number;
            }
        }
        boolean more = handled >= maxSlots;
        // every slot before the next cursor is handled or empty; recent ones are read again until settled
        long next = Math.min(more ? lastHandled : over + 1, settled + 1);
        if (next > cursor) {
            mongo.updateFirst(Query.query(where("_id").is(kind)), new Update().max("slot", next), CURSORS);
        }
        return new Result(ids, more);
    }

    /**
     * The background loop that expires this kind every {@code interval}, up to 100 slots a run (at
     * once again while more are due), counting the ids in {@code leadrelay_retention_expired_total}
     * tagged with the kind.
     */
    public PeriodicTask sweeper(Duration interval, MeterRegistry meters, Consumer<List<Object>> expire) {
        Counter expired = Counter.builder("leadrelay.retention.expired").tag("kind", name)
                .description("Documents past their retention, handed over to be deleted or erased").register(meters);
        return PeriodicTask.every(interval, "retention-" + name, () -> {
            Result result = expireDue(100, expire);
            expired.increment(result.expired());
            return result.more();
        });
    }

    private long slot(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), slotMillis);
    }

    private String key(long slot) {
        return kind + ":" + slot;
    }

    private static long slotOf(Document slot) {
        String key = slot.getString("_id");
        return Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
    }

    /**
     * One run's outcome.
     *
     * @param expired ids handed over (an id scheduled twice counts twice)
     * @param more    whether slots are left that the run had no room for
     */
    public record Result(long expired, boolean more) {
    }
}
