package org.leadrelay.directory.partners.persistence;

import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.directory.partners.PartnerCredentials;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Key hashes in their own collection, apart from the partner documents (never in an export or the audit log). */
@Repository
class MongoPartnerCredentials implements PartnerCredentials {

    private static final String COLLECTION = "credentials";

    private final MongoTemplate mongo;

    MongoPartnerCredentials(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void store(UUID partnerId, String keyHash) {
        mongo.upsert(Query.query(Criteria.where("_id").is(partnerId)), Update.update("keyHash", keyHash), COLLECTION);
    }

    @Override
    public Optional<String> hashOf(UUID partnerId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(partnerId)), Document.class, COLLECTION))
                .map(document -> document.getString("keyHash"));
    }

    @Override
    public void remove(UUID partnerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(partnerId)), COLLECTION);
    }
}
