package org.leadrelay.router.partners.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.kit.persistence.RevisionedCopies;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.routing.RoutablePartner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per partner, replaced only by a newer revision, deleted by its tombstone. Routing
 * does not query it (each instance routes from its in-memory replica, ADR 0010); copies kept by
 * earlier versions may still carry the lookup fields those versions derived ({@code terms},
 * {@code countryTerms}, {@code areaTerms}, {@code areaBoxes}, {@code reach}), which nothing reads.
 */
@Repository
class MongoPartnerCopies implements PartnerCopies {

    static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartnerCopies(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("countries", Sort.Direction.ASC));
    }

    @Override
    public boolean keep(RoutablePartner partner) {
        return RevisionedCopies.keepIfNewer(mongo, COLLECTION, partner.id(), partner.revision(), new Update()
                .set("name", partner.name())
                .set("tier", partner.tier())
                .set("countries", partner.countries())
                .set("specialities", partner.specialities())
                .set("languages", partner.languages())
                .set("capacity", partner.capacity())
                .set("active", partner.active())
                .set("status", partner.status())
                .set("routingWeight", partner.routingWeight())
                .set("expertise", partner.expertise())
                .set("regions", partner.regions())
                .set("serviceAreas", partner.serviceAreas())
                .set("remoteServices", partner.remoteServices())
                .set("weeklyCapacity", partner.weeklyCapacity())
                .set("availability", partner.availability())
                .set("answerDeadline", partner.answerDeadline()));
    }

    @Override
    public boolean remove(UUID partnerId) {
        return mongo.remove(Query.query(where("_id").is(partnerId)), COLLECTION).getDeletedCount() > 0;
    }

    @Override
    public List<RoutablePartner> coveringCountry(String country) {
        return mongo.find(Query.query(where("countries").is(country)), RoutablePartner.class, COLLECTION);
    }

    @Override
    public Optional<RoutablePartner> find(UUID partnerId) {
        return Optional.ofNullable(mongo.findById(partnerId, RoutablePartner.class, COLLECTION));
    }

    @Override
    public List<RoutablePartner> all() {
        return mongo.find(new Query().with(Sort.by("name")), RoutablePartner.class, COLLECTION);
    }

    @Override
    public boolean isEmpty() {
        // a find of one, not exists(): Spring Data counts for that, an aggregation over the whole copy here
        return mongo.findOne(new Query().limit(1), org.bson.Document.class, COLLECTION) == null;
    }
}
