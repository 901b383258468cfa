package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.intake.leads.IntakeStatus;
import org.leadrelay.intake.leads.Leads;
import org.leadrelay.intake.leads.PendingLeads;
import org.leadrelay.intake.leads.StoredLead;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Leads in this service's own database, one document per lead keyed by its id, recording whether
 * it has been published: storing a lead is one insert, publishing it one update by key.
 */
@Repository
class MongoLeads implements Leads {

    private final MongoTemplate mongo;

    MongoLeads(MongoTemplate mongo) {
        this.mongo = mongo;
        // a real MongoDB uses it for the pending scan; the embedded server scans the collection either way
        mongo.indexOps(LeadDocument.class).createIndex(new Index().on("status", Sort.Direction.ASC).on("receivedAt", Sort.Direction.ASC));
        // the embedded server uses an index only for a filter on exactly its fields: this one keeps
        // the live pending gauges, {status: received}, off a collection scan (a real MongoDB would
        // use the compound index's prefix)
        mongo.indexOps(LeadDocument.class).createIndex(new Index().on("status", Sort.Direction.ASC));
    }

    @Override
    public void add(StoredLead lead) {
        mongo.insert(new LeadDocument(lead.leadId(), lead.lead(), lead.status(), lead.duplicateOf(), lead.lead().receivedAt()));
    }

    @Override
    public Optional<StoredLead> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, LeadDocument.class)).map(LeadDocument::toLead);
    }

    @Override
    public void markPublished(UUID leadId) {
        mongo.updateFirst(Query.query(where("_id").is(leadId)), Update.update("status", IntakeStatus.PUBLISHED), LeadDocument.class);
    }

    @Override
    public List<StoredLead> unpublished(Instant receivedBefore, int limit) {
        Query pending = Query.query(where("status").is(IntakeStatus.RECEIVED).and("receivedAt").lt(receivedBefore))
                .with(Sort.by("receivedAt")).limit(limit);
        return mongo.find(pending, LeadDocument.class).stream().map(LeadDocument::toLead).toList();
    }

    @Override
    public PendingLeads pending() {
        long count = mongo.count(Query.query(where("status").is(IntakeStatus.RECEIVED)), LeadDocument.class);
        if (count == 0) {
            return PendingLeads.NONE;
        }
        Query oldest = Query.query(where("status").is(IntakeStatus.RECEIVED)).with(Sort.by("receivedAt")).limit(1);
        oldest.fields().include("receivedAt");
        org.bson.Document first = mongo.findOne(oldest, org.bson.Document.class, mongo.getCollectionName(LeadDocument.class));
        Date receivedAt = first == null ? null : first.getDate("receivedAt");
        return new PendingLeads(count, receivedAt == null ? null : receivedAt.toInstant());
    }

    @Document("leads")
    record LeadDocument(@Id UUID id, LeadReceived lead, IntakeStatus status, UUID duplicateOf, Instant receivedAt) {

        StoredLead toLead() {
            return new StoredLead(lead, status, duplicateOf);
        }
    }
}
