package org.leadrelay.router.partners.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.ServiceArea;
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
 * One document per partner, the routing part of its latest {@link PartnerUpserted} (what the copy
 * needs: not its contacts, webhook or signing keys), replaced only by a newer revision, deleted by
 * its tombstone. Read back through {@link PartnerDocument}, not as the event: copies kept by earlier
 * versions lack fields the event requires ({@code notificationEmail}, {@code updatedAt}) and may lack
 * the fields added to it later (read as none), and may still carry the lookup fields those versions
 * derived ({@code terms}, {@code countryTerms}, {@code areaTerms}, {@code areaBoxes}, {@code reach}),
 * which nothing reads. Routing does not query it (each instance routes from its in-memory replica,
 * ADR 0010).
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
    public boolean keep(PartnerUpserted partner) {
        return RevisionedCopies.keepIfNewer(mongo, COLLECTION, partner.partnerId(), partner.revision(), new Update()
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
        return partners(Query.query(where("countries").is(country)));
    }

    @Override
    public Optional<RoutablePartner> find(UUID partnerId) {
        return Optional.ofNullable(mongo.findById(partnerId, PartnerDocument.class, COLLECTION)).map(PartnerDocument::toPartner);
    }

    @Override
    public List<RoutablePartner> all() {
        return partners(new Query().with(Sort.by("name")));
    }

    @Override
    public boolean isEmpty() {
        // a find of one, not exists(): Spring Data counts for that, an aggregation over the whole copy here
        return mongo.findOne(new Query().limit(1), org.bson.Document.class, COLLECTION) == null;
    }

    private List<RoutablePartner> partners(Query query) {
        return mongo.find(query, PartnerDocument.class, COLLECTION).stream().map(PartnerDocument::toPartner).toList();
    }

    /** A partner's document as {@link #keep} writes it, {@code revision} included. */
    record PartnerDocument(UUID id, String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages, int capacity, boolean active, long revision, String status, Double routingWeight,
            List<Expertise> expertise, List<String> regions, List<ServiceArea> serviceAreas, List<String> remoteServices,
            Integer weeklyCapacity, Availability availability, Duration answerDeadline) {

        RoutablePartner toPartner() {
            return new RoutablePartner(id, name, tier, countries, specialities, languages, capacity, active, revision, status,
                    routingWeight, expertise, regions, serviceAreas, remoteServices, weeklyCapacity, availability, answerDeadline);
        }
    }
}
