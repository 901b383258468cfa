package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.intake.leads.RecentRequests;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per request fingerprint, keyed by it: the unique key decides which of two
 * simultaneous identical requests is the first.
 */
@Repository
class MongoRecentRequests implements RecentRequests {

    private final MongoTemplate mongo;

    MongoRecentRequests(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(RecentRequest.class).createIndex(new Index().on("_id", Sort.Direction.ASC).on("at", Sort.Direction.ASC).unique());
    }

    @Override
    public Optional<UUID> claim(String fingerprint, UUID leadId, Instant at, Duration window) {
        try {
            mongo.insert(new RecentRequest(fingerprint, leadId, at));
            return Optional.empty();
        } catch (DuplicateKeyException seenBefore) {
            RecentRequest earlier = mongo.findById(fingerprint, RecentRequest.class);
            if (earlier != null && earlier.at().isAfter(at.minus(window))) {
                return Optional.of(earlier.leadId());
            }
            mongo.updateFirst(Query.query(where("_id").is(fingerprint)), new Update().set("leadId", leadId).set("at", at),
                    RecentRequest.class);
            return Optional.empty();
        }
    }

    /** Read, then deleted by key: a delete on the fingerprint and the lead together would scan on the embedded server. */
    @Override
    public void forget(String fingerprint, UUID leadId) {
        RecentRequest request = mongo.findById(fingerprint, RecentRequest.class);
        if (request != null && leadId.equals(request.leadId())) {
            mongo.remove(Query.query(where("_id").is(fingerprint)), RecentRequest.class);
        }
    }

    /** As the Idempotency-Keys: removed where fingerprint and time are still the ones read, so one seen again stays. */
    @Override
    public Map<String, Instant> forgetSeenBefore(Collection<String> fingerprints, Instant before) {
        Map<String, Instant> kept = new HashMap<>();
        for (RecentRequest request : mongo.find(Query.query(where("_id").in(fingerprints)), RecentRequest.class)) {
            if (request.at().isBefore(before)) {
                mongo.remove(Query.query(where("_id").is(request.fingerprint()).and("at").is(request.at())), RecentRequest.class);
            } else {
                kept.put(request.fingerprint(), request.at());
            }
        }
        return kept;
    }

    @Document("recent_requests")
    record RecentRequest(@Id String fingerprint, UUID leadId, Instant at) {
    }
}
