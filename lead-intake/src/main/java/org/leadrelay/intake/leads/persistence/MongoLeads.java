package org.leadrelay.intake.leads.persistence;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.intake.leads.Leads;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/** Leads in this service's own database, one document per lead keyed by its id. */
@Repository
class MongoLeads implements Leads {

    private final MongoTemplate mongo;

    MongoLeads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(LeadReceived lead) {
        mongo.insert(new StoredLead(lead.leadId(), lead));
    }

    @Override
    public Optional<LeadReceived> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, StoredLead.class)).map(StoredLead::lead);
    }

    @Document("leads")
    record StoredLead(@Id UUID id, LeadReceived lead) {
    }
}
