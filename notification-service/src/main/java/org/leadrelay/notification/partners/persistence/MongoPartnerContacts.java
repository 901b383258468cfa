package org.leadrelay.notification.partners.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.kit.persistence.RevisionedCopies;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One document per partner, replaced only by a newer revision, deleted by the partner's tombstone. */
@Repository
class MongoPartnerContacts implements PartnerContacts {

    private static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartnerContacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean keep(PartnerContact contact) {
        return RevisionedCopies.keepIfNewer(mongo, COLLECTION, contact.id(), contact.revision(), new Update()
                .set("name", contact.name())
                .set("notificationEmail", contact.notificationEmail())
                .set("webhookUrl", contact.webhookUrl() == null ? null : contact.webhookUrl().toString())
                .set("contacts", contact.contacts())
                .set("webhookEnabled", contact.webhookEnabled())
                .set("signingKeys", contact.signingKeys())
                .set("languages", contact.languages())
                .set("timeZone", contact.timeZone()));
    }

    @Override
    public boolean remove(UUID partnerId) {
        return mongo.remove(Query.query(where("_id").is(partnerId)), COLLECTION).getDeletedCount() > 0;
    }

    @Override
    public Optional<PartnerContact> find(UUID partnerId) {
        return Optional.ofNullable(mongo.findById(partnerId, PartnerContact.class, COLLECTION));
    }
}
