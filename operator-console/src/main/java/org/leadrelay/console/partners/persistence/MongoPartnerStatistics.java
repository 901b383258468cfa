package org.leadrelay.console.partners.persistence;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.flow.LatencyBuckets;
import org.leadrelay.console.partners.PartnerStatistics;
import org.leadrelay.console.partners.PartnerStats;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The {@code partner_stats} collection: counters per partner, incremented in place by its id. */
@Repository
class MongoPartnerStatistics implements PartnerStatistics {

    static final String COLLECTION = "partner_stats";

    private final MongoTemplate mongo;

    MongoPartnerStatistics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void offered(UUID partnerId) {
        inc(partnerId, new Update().inc("offers", 1).inc("open", 1));
    }

    @Override
    public void withdrawn(UUID partnerId) {
        inc(partnerId, new Update().inc("withdrawn", 1).inc("open", -1));
    }

    @Override
    public void settled(UUID partnerId, Settled how, Duration took) {
        Update update = new Update().inc("open", -1);
        switch (how) {
            case ACCEPTED:
                update.inc("accepted", 1);
                break;
            case DECLINED:
                update.inc("declined", 1);
                break;
            default:
                update.inc("expired", 1);
                break;
        }
        if (took != null) {
            update.inc("answered", 1).inc("answerMillis", took.toMillis()).inc("answerBuckets." + LatencyBuckets.of(took.toMillis()), 1);
        }
        inc(partnerId, update);
    }

    @Override
    public Map<UUID, PartnerStats> of(Collection<UUID> partnerIds) {
        Map<UUID, PartnerStats> stats = new HashMap<>();
        if (partnerIds.isEmpty()) {
            return stats;
        }
        Query query = Query.query(Criteria.where("_id").in(partnerIds.stream().map(UUID::toString).toList()));
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            UUID id = UUID.fromString(document.getString("_id"));
            long[] buckets = new long[LatencyBuckets.COUNT];
            Document stored = document.get("answerBuckets", Document.class);
            if (stored != null) {
                stored.forEach((bucket, count) -> buckets[Integer.parseInt(bucket)] += ((Number) count).longValue());
            }
            stats.put(id, new PartnerStats(id, number(document, "offers"), number(document, "accepted"), number(document, "declined"),
                    number(document, "expired"), number(document, "withdrawn"), Math.max(0, number(document, "open")),
                    number(document, "answered"), number(document, "answerMillis"), buckets));
        }
        return stats;
    }

    private void inc(UUID partnerId, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(partnerId.toString())), update, COLLECTION);
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
