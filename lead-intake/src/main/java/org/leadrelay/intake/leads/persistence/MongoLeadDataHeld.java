package org.leadrelay.intake.leads.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.intake.leads.LeadErasure;
import org.leadrelay.kit.persistence.HeldDocuments;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What lead-intake holds of a lead: the lead as received (contact, need, place, consent, origin;
 * its key withheld),
 * its Idempotency-Key record, its duplicate fingerprint and its erasure if any.
 */
@Component
class MongoLeadDataHeld implements LeadDataHeld {

    private final MongoTemplate mongo;

    MongoLeadDataHeld(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(UUID leadId) {
        return HeldDocuments.in(mongo).byId("leads", leadId)
                .withholding("leads", "the key that opens the lead's sealed copies; it is deleted with the lead", "key")
                .having("idempotency_keys", "leadId", leadId)
                .having("recent_requests", "leadId", leadId).byId("lead_erasures", LeadErasure.idOf(leadId)).collections();
    }
}
