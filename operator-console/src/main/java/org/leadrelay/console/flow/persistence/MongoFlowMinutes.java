package org.leadrelay.console.flow.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.flow.FlowMinute;
import org.leadrelay.console.flow.FlowMinutes;
import org.leadrelay.console.flow.LatencyBuckets;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per minute in {@code flow_minutes}, keyed by the minute: counters incremented in
 * place, latency buckets, and the minute's last leads. Read by key, a handful at a time; a minute's
 * document stays small however many leads it saw.
 */
@Repository
class MongoFlowMinutes implements FlowMinutes {

    static final String COLLECTION = "flow_minutes";
    static final int RECENT_PER_MINUTE = 25;

    private final MongoTemplate mongo;

    MongoFlowMinutes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(Collection<FlowMinute> deltas) {
        for (FlowMinute delta : deltas) {
            Update update = new Update();
            delta.counts().forEach((kind, count) -> update.inc("counts." + kind, count));
            inc(update, "toAssign.", delta.toAssign());
            inc(update, "toAccept.", delta.toAccept());
            if (!delta.recent().isEmpty()) {
                List<UUID> recent = delta.recent();
                List<String> last = recent.subList(Math.max(0, recent.size() - RECENT_PER_MINUTE), recent.size()).stream()
                        .map(UUID::toString).toList();
                update.push("recent").slice(-RECENT_PER_MINUTE).each(last.toArray());
            }
            if (!update.getUpdateObject().isEmpty()) {
                mongo.upsert(Query.query(Criteria.where("_id").is(delta.minute())), update, COLLECTION);
            }
        }
    }

    private static void inc(Update update, String prefix, long[] buckets) {
        for (int bucket = 0; bucket < buckets.length; bucket++) {
            if (buckets[bucket] != 0) {
                update.inc(prefix + bucket, buckets[bucket]);
            }
        }
    }

    @Override
    public List<FlowMinute> read(Collection<Long> minutes) {
        List<FlowMinute> read = new ArrayList<>();
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(minutes)), Document.class, COLLECTION)) {
            Map<String, Long> counts = new HashMap<>();
            Document stored = document.get("counts", Document.class);
            if (stored != null) {
                stored.forEach((key, value) -> counts.put(key, ((Number) value).longValue()));
            }
            List<UUID> recent = new ArrayList<>();
            for (Object id : document.getList("recent", Object.class, List.of())) {
                recent.add(UUID.fromString(id.toString()));
            }
            read.add(new FlowMinute(((Number) document.get("_id")).longValue(), counts, buckets(document.get("toAssign", Document.class)),
                    buckets(document.get("toAccept", Document.class)), recent));
        }
        return read;
    }

    private static long[] buckets(Document stored) {
        long[] buckets = new long[LatencyBuckets.COUNT];
        if (stored != null) {
            stored.forEach((key, value) -> buckets[Integer.parseInt(key)] += ((Number) value).longValue());
        }
        return buckets;
    }
}
