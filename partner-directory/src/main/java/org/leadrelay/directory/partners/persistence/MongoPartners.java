package org.leadrelay.directory.partners.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerFilter;
import org.leadrelay.directory.partners.PartnerPage;
import org.leadrelay.directory.partners.Partners;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

    @Override
    public PartnerPage list(PartnerFilter filter, int page, int size) {
        Criteria criteria = new Criteria();
        if (filter.country() != null) {
            criteria = criteria.and("countries").is(filter.country());
        }
        if (filter.speciality() != null) {
            criteria = criteria.and("specialities").is(filter.speciality());
        }
        if (filter.tier() != null) {
            criteria = criteria.and("tier").is(filter.tier());
        }
        if (filter.active() != null) {
            criteria = criteria.and("active").is(filter.active());
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, COLLECTION);
        List<Partner> partners = mongo.find(query.with(Sort.by("name", "_id")).skip((long) page * size).limit(size), Partner.class,
                COLLECTION);
        return new PartnerPage(partners, page, size, total);
    }
}
