package org.leadrelay.router.assignment.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.router.assignment.PartnerLoads;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One counter document per partner ({@code partner_loads}) and one per partner and week
 * ({@code partner_weeks}), each with the ids of the offers it holds. Taking a place is a
 * compare-and-set on the counter: read it by key, and if it is under the cap and does not hold the
 * offer yet, add the offer where the count is still the one read; of two instances racing for the
 * last place one wins, the other reads again and finds the partner full. Giving a place back pulls
 * the offer's id the same way, so releasing twice counts once. Every access is by key: a unique
 * index on {@code (_id, count)} lets the embedded database serve the conditional update without a
 * scan, so a reservation costs the same with ten partners or ten thousand, after a week or a year.
 */
@Repository
class MongoPartnerLoads implements PartnerLoads {

    private static final String LOADS = "partner_loads";
    private static final String WEEKS = "partner_weeks";
    /** Compare-and-set rounds before giving up on a counter that other instances keep changing. */
    private static final int ATTEMPTS = 50;

    private final MongoTemplate mongo;

    MongoPartnerLoads(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(LOADS).createIndex(new Index().on("_id", Sort.Direction.ASC).on("count", Sort.Direction.ASC).unique());
        mongo.indexOps(WEEKS).createIndex(new Index().on("_id", Sort.Direction.ASC).on("count", Sort.Direction.ASC).unique());
    }

    @Override
    public boolean reserve(UUID partnerId, UUID assignmentId, int capacity, Integer weeklyCapacity, String week) {
        String weekId = partnerId + "|" + week;
        boolean weekTaken = weeklyCapacity == null ? take(WEEKS, weekId, assignmentId, null, partnerId)
                : take(WEEKS, weekId, assignmentId, weeklyCapacity, partnerId);
        if (!weekTaken) {
            return false;
        }
        if (take(LOADS, partnerId, assignmentId, capacity, partnerId)) {
            return true;
        }
        give(WEEKS, weekId, assignmentId);
        return false;
    }

    @Override
    public void force(UUID partnerId, UUID assignmentId, String week) {
        take(WEEKS, partnerId + "|" + week, assignmentId, null, partnerId);
        take(LOADS, partnerId, assignmentId, null, partnerId);
    }

    @Override
    public void release(UUID partnerId, UUID assignmentId) {
        give(LOADS, partnerId, assignmentId);
    }

    @Override
    public void cancel(UUID partnerId, UUID assignmentId, String week) {
        give(LOADS, partnerId, assignmentId);
        give(WEEKS, partnerId + "|" + week, assignmentId);
    }

    @Override
    public Map<UUID, Load> of(Collection<UUID> partnerIds, String week) {
        Map<UUID, Load> loads = new HashMap<>();
        if (partnerIds.isEmpty()) {
            return loads;
        }
        Map<UUID, Integer> open = counts(LOADS, Criteria.where("_id").in(partnerIds));
        Map<UUID, Integer> weekly = counts(WEEKS, Criteria.where("_id").in(partnerIds.stream().map(id -> id + "|" + week).toList()));
        for (UUID id : partnerIds) {
            loads.put(id, new Load(open.getOrDefault(id, 0), weekly.getOrDefault(id, 0)));
        }
        return loads;
    }

    @Override
    public Map<UUID, Load> all(String week) {
        Map<UUID, Integer> open = counts(LOADS, new Criteria());
        Map<UUID, Integer> weekly = counts(WEEKS, Criteria.where("week").is(week));
        Map<UUID, Load> loads = new HashMap<>();
        open.forEach((id, count) -> loads.put(id, new Load(count, weekly.getOrDefault(id, 0))));
        weekly.forEach((id, count) -> loads.putIfAbsent(id, new Load(0, count)));
        return loads;
    }

    private Map<UUID, Integer> counts(String collection, Criteria criteria) {
        Map<UUID, Integer> counts = new HashMap<>();
        for (Document document : mongo.find(Query.query(criteria), Document.class, collection)) {
            counts.put(document.get("partnerId", UUID.class), document.getList("held", UUID.class, List.of()).size());
        }
        return counts;
    }

    /** Adds the offer to the counter if under the cap (or always without one); true when the counter holds it now. */
    private boolean take(String collection, Object id, UUID assignmentId, Integer cap, UUID partnerId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document counter = mongo.findById(id, Document.class, collection);
            if (counter == null) {
                if (cap != null && cap <= 0) {
                    return false;
                }
                Document first = new Document("_id", id).append("count", 1).append("held", List.of(assignmentId))
                        .append("partnerId", partnerId);
                if (collection.equals(WEEKS)) {
                    first.append("week", id.toString().substring(id.toString().indexOf('|') + 1));
                }
                try {
                    mongo.insert(first, collection);
                    return true;
                } catch (DuplicateKeyException createdMeanwhile) {
                    continue;
                }
            }
            if (counter.getList("held", UUID.class, List.of()).contains(assignmentId)) {
                return true;
            }
            int count = counter.getInteger("count", 0);
            if (cap != null && count >= cap) {
                return false;
            }
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("count").is(count)),
                    new Update().inc("count", 1).addToSet("held", assignmentId), collection).getMatchedCount() > 0) {
                return true;
            }
        }
        throw new IllegalStateException("the capacity counter " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    private void give(String collection, Object id, UUID assignmentId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document counter = mongo.findById(id, Document.class, collection);
            if (counter == null || !counter.getList("held", UUID.class, List.of()).contains(assignmentId)) {
                return;
            }
            int count = counter.getInteger("count", 0);
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("count").is(count)),
                    new Update().inc("count", -1).pull("held", assignmentId), collection).getMatchedCount() > 0) {
                return;
            }
        }
        throw new IllegalStateException("the capacity counter " + id + " kept changing under " + ATTEMPTS + " attempts");
    }
}
