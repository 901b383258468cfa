package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.intake.leads.LeadErasure;
import org.leadrelay.intake.leads.LeadErasures;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per erased lead, keyed by the erasure id derived from the lead id: the unique key
 * decides which of two simultaneous requests erases a lead, and every read and write is by key.
 * The times are set with {@code $min}, so a step done twice (by a request and by the relay's
 * sweeper after a crash) keeps the first time.
 */
@Repository
class MongoLeadErasures implements LeadErasures {

    private final MongoTemplate mongo;

    MongoLeadErasures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean add(LeadErasure erasure) {
        try {
            mongo.insert(ErasureDocument.of(erasure));
            return true;
        } catch (DuplicateKeyException erasedBefore) {
            return false;
        }
    }

    @Override
    public Optional<LeadErasure> find(UUID erasureId) {
        return Optional.ofNullable(mongo.findById(erasureId, ErasureDocument.class)).map(ErasureDocument::toErasure);
    }

    @Override
    public LeadErasure erased(UUID leadId, Instant at) {
        ErasureDocument updated = mongo.findAndModify(byLead(leadId), new Update().min("erasedAt", at),
                FindAndModifyOptions.options().returnNew(true), ErasureDocument.class);
        if (updated == null) {
            throw new IllegalStateException("lead " + leadId + " has no erasure recorded");
        }
        return updated.toErasure();
    }

    @Override
    public void published(UUID leadId, Instant at) {
        mongo.updateFirst(byLead(leadId), new Update().min("publishedAt", at), ErasureDocument.class);
    }

    private static Query byLead(UUID leadId) {
        return Query.query(where("_id").is(LeadErasure.idOf(leadId)));
    }

    @Document("lead_erasures")
    record ErasureDocument(@Id UUID id, UUID leadId, String requestedAs, String reason, String requestedBy, Instant requestedAt, Instant erasedAt,
            Instant publishedAt) {

        static ErasureDocument of(LeadErasure erasure) {
            return new ErasureDocument(erasure.erasureId(), erasure.leadId(), erasure.requestedAs().name(), erasure.reason().name(),
                    erasure.requestedBy(),
                    erasure.requestedAt(), erasure.erasedAt(), erasure.publishedAt());
        }

        LeadErasure toErasure() {
            return new LeadErasure(id, leadId, LeadErasure.RequestedAs.valueOf(requestedAs),
                    reason == null ? LeadErasure.Reason.REQUEST : LeadErasure.Reason.valueOf(reason), requestedBy, requestedAt, erasedAt,
                    publishedAt);
        }
    }
}
