package org.leadrelay.console.partners.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.flow.LatencyBuckets;
import org.leadrelay.console.partners.PartnerStatistics;
import org.leadrelay.console.partners.PartnerStats;
import org.leadrelay.console.partners.PartnerTally;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The {@code partner_stats} collection: counters per partner, incremented in place by its id, once per batch. */
@Repository
class MongoPartnerStatistics implements PartnerStatistics {

    static final String COLLECTION = "partner_stats";

    private final MongoTemplate mongo;

    MongoPartnerStatistics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(Collection<PartnerTally> tallies) {
        for (PartnerTally tally : tallies) {
            Update update = new Update();
            inc(update, "offers", tally.offers());
            inc(update, "open", tally.open());
            inc(update, "withdrawn", tally.withdrawn());
            inc(update, "accepted", tally.accepted());
            inc(update, "declined", tally.declined());
            inc(update, "expired", tally.expired());
            inc(update, "answered", tally.answered());
            inc(update, "answerMillis", tally.answerMillis());
            long[] buckets = tally.answerBuckets();
            for (int bucket = 0; bucket < buckets.length; bucket++) {
                inc(update, "answerBuckets." + bucket, buckets[bucket]);
            }
            if (!update.getUpdateObject().isEmpty()) {
                mongo.upsert(Query.query(Criteria.where("_id").is(tally.partnerId().toString())), update, COLLECTION);
            }
        }
    }

    private static void inc(Update update, String field, long by) {
        if (by != 0) {
            update.inc(field, by);
        }
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

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
