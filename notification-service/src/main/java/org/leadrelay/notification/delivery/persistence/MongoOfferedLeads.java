package org.leadrelay.notification.delivery.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.notification.delivery.OfferedLeads;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** {@code offered_leads}: one document per lead and partner told of it, keyed {@code <leadId>:<partnerId>}. */
@Repository
class MongoOfferedLeads implements OfferedLeads {

    static final String COLLECTION = "offered_leads";

    private final MongoTemplate mongo;

    MongoOfferedLeads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void remember(Offered offer) {
        mongo.save(new OfferedDocument(key(offer.leadId(), offer.partnerId()), offer.leadId(), offer.partnerId(), offer.assignmentId(),
                offer.lead(), offer.respondBy()), COLLECTION);
    }

    @Override
    public Optional<Offered> find(UUID leadId, UUID partnerId) {
        return Optional.ofNullable(mongo.findById(key(leadId, partnerId), OfferedDocument.class, COLLECTION))
                .map(document -> new Offered(document.leadId(), document.partnerId(), document.assignmentId(), document.lead(),
                        document.respondBy()));
    }

    @Override
    public void forget(UUID leadId, UUID partnerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(key(leadId, partnerId))), COLLECTION);
    }

    private static String key(UUID leadId, UUID partnerId) {
        return leadId + ":" + partnerId;
    }

    record OfferedDocument(@Id String id, UUID leadId, UUID partnerId, UUID assignmentId, LeadBrief lead, Instant respondBy) {
    }
}
