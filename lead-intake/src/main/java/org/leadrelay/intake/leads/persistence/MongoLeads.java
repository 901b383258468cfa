package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PersonalData;
import org.leadrelay.intake.leads.IntakeStatus;
import org.leadrelay.intake.leads.Leads;
import org.leadrelay.intake.leads.StoredLead;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Leads in this service's own database, one document per lead keyed by its id, recording whether
 * it has been published: storing a lead is one insert, publishing it one update by key. Nothing
 * here is read by anything but its key: the leads waiting for the broker are the relay's marks.
 */
@Repository
class MongoLeads implements Leads {

    private final MongoTemplate mongo;

    MongoLeads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(StoredLead lead) {
        mongo.insert(new LeadDocument(lead.leadId(), lead.lead(), lead.personal(), lead.sealingKey(), lead.status(), lead.duplicateOf(),
                lead.lead().receivedAt()));
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
    public void remove(UUID leadId) {
        mongo.remove(Query.query(where("_id").is(leadId)), LeadDocument.class);
    }

    @Document("leads")
    record LeadDocument(@Id UUID id, LeadReceived lead, PersonalData personal, byte[] key, IntakeStatus status, UUID duplicateOf,
            Instant receivedAt) {

        StoredLead toLead() {
            return new StoredLead(lead, personal, key, status, duplicateOf);
        }
    }
}
