package org.leadrelay.notification.partners.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.client.result.UpdateResult;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One document per partner, replaced only by a newer revision. */
@Repository
class MongoPartnerContacts implements PartnerContacts {

    private static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartnerContacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean keep(PartnerContact contact) {
        Query olderOrAbsent = Query.query(where("_id").is(contact.id()).and("revision").lt(contact.revision()));
        Update state = new Update()
                .set("name", contact.name())
                .set("notificationEmail", contact.notificationEmail())
                .set("webhookUrl", contact.webhookUrl() == null ? null : contact.webhookUrl().toString())
                .set("revision", contact.revision());
        try {
            UpdateResult result = mongo.upsert(olderOrAbsent, state, COLLECTION);
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException sameOrNewer) {
            // no older revision matched, and the insert met the partner's _id: we hold this revision or a newer one
            return false;
        }
    }

    @Override
    public Optional<PartnerContact> find(UUID partnerId) {
        return Optional.ofNullable(mongo.findById(partnerId, PartnerContact.class, COLLECTION));
    }
}
