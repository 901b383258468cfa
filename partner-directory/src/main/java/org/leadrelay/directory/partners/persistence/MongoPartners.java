package org.leadrelay.directory.partners.persistence;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.Partners;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Partners in the directory's own database, one document per partner keyed by its id. */
@Repository
class MongoPartners implements Partners {

    private static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartners(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(Partner partner) {
        mongo.insert(partner, COLLECTION);
    }

    @Override
    public Optional<Partner> find(UUID id) {
        return Optional.ofNullable(mongo.findById(id, Partner.class, COLLECTION));
    }
}
