package org.leadrelay.notification.delivery.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.notification.delivery.ErasedLeads;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** {@code erased_leads}: one document per erased lead, keyed by its id; it names no person. */
@Repository
class MongoErasedLeads implements ErasedLeads {

    static final String COLLECTION = "erased_leads";

    private final MongoTemplate mongo;

    MongoErasedLeads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean add(UUID leadId, Instant erasedAt) {
        try {
            mongo.insert(new ErasedDocument(leadId, erasedAt, null, null), COLLECTION);
            return true;
        } catch (DuplicateKeyException before) {
            return false;
        }
    }

    @Override
    public boolean contains(UUID leadId) {
        return mongo.findById(leadId, ErasedDocument.class, COLLECTION) != null;
    }

    @Override
    public void done(UUID leadId, String summary, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(leadId).and("doneAt").is(null)), new Update().set("doneAt", at)
                .set("summary", summary), COLLECTION);
    }

    @Override
    public Optional<Erased> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, ErasedDocument.class, COLLECTION))
                .map(found -> new Erased(found.leadId(), found.erasedAt(), found.doneAt(), found.summary()));
    }

    record ErasedDocument(@Id UUID leadId, Instant erasedAt, Instant doneAt, String summary) {
    }
}
