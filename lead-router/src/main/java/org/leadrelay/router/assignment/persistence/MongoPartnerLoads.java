package org.leadrelay.router.assignment.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.router.assignment.PartnerLoads;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One counter document per partner ({@code partner_loads}) and one per partner and week
 * ({@code partner_weeks}), each with the ids of the offers it holds. A reservation is a single
 * conditional upsert: it matches only while the count is under the cap and the offer is not held
 * yet, so at the cap the upsert tries to insert a second document with the same id and fails —
 * that is the refusal. Releasing pulls the offer's id, so releasing twice counts once.
 */
@Repository
class MongoPartnerLoads implements PartnerLoads {

    private static final String LOADS = "partner_loads";
    private static final String WEEKS = "partner_weeks";

    private final MongoTemplate mongo;

    MongoPartnerLoads(MongoTemplate mongo) {
        this.mongo = mongo;
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
        if (week != null) {
            give(WEEKS, partnerId + "|" + week, assignmentId);
        } else {
            mongo.updateMulti(Query.query(Criteria.where("partnerId").is(partnerId).and("held").is(assignmentId)),
                    new Update().inc("count", -1).pull("held", assignmentId), WEEKS);
        }
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
        Criteria match = Criteria.where("_id").is(id).and("held").ne(assignmentId);
        if (cap != null) {
            match = match.and("count").lt(cap);
        }
        Update update = new Update().inc("count", 1).addToSet("held", assignmentId).setOnInsert("partnerId", partnerId);
        if (collection.equals(WEEKS)) {
            update.setOnInsert("week", id.toString().substring(id.toString().indexOf('|') + 1));
        }
        try {
            mongo.findAndModify(Query.query(match), update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class,
                    collection);
            return true;
        } catch (DuplicateKeyException fullOrHeld) {
            // the counter exists and did not match: either at the cap, or it holds this offer already
            return mongo.exists(Query.query(Criteria.where("_id").is(id).and("held").is(assignmentId)), collection);
        }
    }

    private void give(String collection, Object id, UUID assignmentId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("held").is(assignmentId)),
                new Update().inc("count", -1).pull("held", assignmentId), collection);
    }
}
