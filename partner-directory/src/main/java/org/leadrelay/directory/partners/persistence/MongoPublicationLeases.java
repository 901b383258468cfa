package org.leadrelay.directory.partners.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.directory.partners.PublicationLeases;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code publication_leases} collection: one document per partner being sent, keyed by the
 * partner's id, with its holder and when the lease runs out. Taking free leases is one bulk insert
 * (the key makes each exclusive); taking one that ran out is an update conditioned on its end; giving it
 * back removes it where the holder still matches. Every write goes by key (ADR 0011).
 */
@Repository
class MongoPublicationLeases implements PublicationLeases {

    static final String COLLECTION = "publication_leases";

    private final MongoTemplate mongo;

    MongoPublicationLeases(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<UUID> take(Collection<UUID> partnerIds, String holder, Instant now, Instant until) {
        Set<UUID> taken = new HashSet<>();
        if (partnerIds.isEmpty()) {
            return taken;
        }
        List<UUID> ids = List.copyOf(partnerIds);
        List<UUID> held = new ArrayList<>();
        // one bulk insert: a lease nobody holds is taken by its insert, a held one refuses it by key
        BulkOperations inserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        ids.forEach(id -> inserts.insert(lease(id, holder, until)));
        Set<Integer> refused = new HashSet<>();
        try {
            inserts.execute();
        } catch (BulkOperationException e) {
            e.getErrors().forEach(error -> refused.add(error.getIndex()));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (refused.contains(i)) {
                held.add(ids.get(i));
            } else {
                taken.add(ids.get(i));
            }
        }
        for (UUID id : held) {
            // held by someone: take it over only if their lease ran out
            Query expired = Query.query(Criteria.where("_id").is(id).and("until").lt(Date.from(now)));
            if (mongo.updateFirst(expired, new Update().set("holder", holder).set("until", Date.from(until)), COLLECTION).getModifiedCount() == 1) {
                taken.add(id);
            }
        }
        return taken;
    }

    @Override
    public void give(Collection<UUID> partnerIds, String holder) {
        if (!partnerIds.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(partnerIds).and("holder").is(holder)), COLLECTION);
        }
    }

    private static Document lease(UUID partnerId, String holder, Instant until) {
        return new Document("_id", partnerId).append("holder", holder).append("until", Date.from(until));
    }
}
