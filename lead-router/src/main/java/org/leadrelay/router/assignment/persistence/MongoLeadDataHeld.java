package org.leadrelay.router.assignment.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.kit.persistence.HeldDocuments;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** What lead-router holds of a lead: its case (the lead, its offers and answers) and its open timers. */
@Component
class MongoLeadDataHeld implements LeadDataHeld {

    private final MongoTemplate mongo;

    MongoLeadDataHeld(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(UUID leadId) {
        return HeldDocuments.in(mongo).byId(MongoLeadCases.COLLECTION, leadId).having("timers", "leadId", leadId).collections();
    }
}
