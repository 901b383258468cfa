package org.leadrelay.notification.delivery.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.kit.persistence.HeldDocuments;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What notification-service holds of a lead: its deliveries and their attempts, the deliveries
 * still pending (their messages withheld: they are the partner's, with its answer link), the
 * partners told of it, and its erasure if any.
 */
@Component
class MongoLeadDataHeld implements LeadDataHeld {

    private final MongoTemplate mongo;

    MongoLeadDataHeld(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(UUID leadId) {
        return HeldDocuments.in(mongo)
                .having(MongoDeliveryLog.DELIVERIES, "leadId", leadId)
                .having(MongoDeliveryLog.ATTEMPTS, "leadId", leadId)
                .having(MongoDeliveryJobs.COLLECTION, "leadId", leadId)
                .having(MongoOfferedLeads.COLLECTION, "leadId", leadId)
                .byId(MongoErasedLeads.COLLECTION, leadId)
                // a pending message is the partner's: its address and its answer link (whoever holds it can answer the offer)
                .withholding(MongoDeliveryJobs.COLLECTION, "a message to the partner, with its answer link; the lead's own data in it "
                        + "is what lead-intake exports", "email", "webhook")
                .collections();
    }
}
