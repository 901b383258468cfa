package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.intake.leads.IdempotentRequests;
import org.leadrelay.intake.leads.RetentionProperties;
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
 * One document per idempotency key, keyed by it: the unique key settles concurrent first uses. Keys
 * live {@code leadrelay.intake.retention.idempotency-keys} (24 hours), then the retention sweep
 * removes them ({@code IntakeRetention}). A key names the lead it produced once the request is done; a unique sparse index
 * on that lead finds the key when the lead is erased (each lead is produced by one key at most, and
 * a key still being processed names none), without a scan on the embedded server either.
 */
@Repository
class MongoIdempotentRequests implements IdempotentRequests {

    private final MongoTemplate mongo;
    private final Duration lifetime;

    MongoIdempotentRequests(MongoTemplate mongo, RetentionProperties retention) {
        this.mongo = mongo;
        this.lifetime = retention.idempotencyKeys();
        mongo.indexOps(KeyDocument.class).createIndex(new Index().on("leadId", Sort.Direction.ASC).unique().sparse());
        mongo.indexOps(KeyDocument.class).createIndex(new Index().on("_id", Sort.Direction.ASC).on("claimedAt", Sort.Direction.ASC).unique());
    }

    @Override
    public Claim claim(String key, String requestHash, Instant at) {
        try {
            mongo.insert(new KeyDocument(key, requestHash, null, at));
            return new Claim.Claimed();
        } catch (DuplicateKeyException usedBefore) {
            KeyDocument earlier = mongo.findById(key, KeyDocument.class);
            if (earlier == null || earlier.claimedAt().isBefore(at.minus(lifetime))) {
                mongo.save(new KeyDocument(key, requestHash, null, at));
                return new Claim.Claimed();
            }
            if (!earlier.requestHash().equals(requestHash)) {
                return new Claim.Mismatch();
            }
            return earlier.leadId() == null ? new Claim.InProgress() : new Claim.Replay(earlier.leadId());
        }
    }

    @Override
    public void complete(String key, UUID leadId) {
        mongo.updateFirst(Query.query(where("_id").is(key)), Update.update("leadId", leadId), KeyDocument.class);
    }

    @Override
    public void release(String key) {
        mongo.remove(Query.query(where("_id").is(key)), KeyDocument.class);
    }

    @Override
    public void forget(UUID leadId) {
        mongo.remove(Query.query(where("leadId").is(leadId)), KeyDocument.class);
    }

    /**
     * Read by key, then each expired one removed where its key and claim time are still the ones read
     * (a unique index on both serves that on the embedded server), so a key claimed again meanwhile
     * is never removed.
     */
    @Override
    public Map<String, Instant> forgetClaimedBefore(Collection<String> keys, Instant before) {
        Map<String, Instant> kept = new HashMap<>();
        for (KeyDocument key : mongo.find(Query.query(where("_id").in(keys)), KeyDocument.class)) {
            if (key.claimedAt().isBefore(before)) {
                mongo.remove(Query.query(where("_id").is(key.key()).and("claimedAt").is(key.claimedAt())), KeyDocument.class);
            } else {
                kept.put(key.key(), key.claimedAt());
            }
        }
        return kept;
    }

    @Document("idempotency_keys")
    record KeyDocument(@Id String key, String requestHash, UUID leadId, Instant claimedAt) {
    }
}
