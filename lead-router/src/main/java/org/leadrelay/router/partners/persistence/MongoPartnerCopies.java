package org.leadrelay.router.partners.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.kit.persistence.RevisionedCopies;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.RoutablePartner;
import org.leadrelay.router.routing.AreaBox;
import org.leadrelay.router.routing.CandidateSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per partner, replaced only by a newer revision, deleted by its tombstone. Beside the
 * partner's own fields each document keeps what a lead's candidates are looked up by, derived when
 * the copy is kept: {@code terms} (specialities and expertise), {@code countryTerms} (one
 * {@code FR:postgresql} key per country and term: MongoDB cannot index two arrays of one document
 * together, so the pair is one value), and for partners with service areas {@code areaTerms}, one
 * bounding box per area ({@code areaBoxes}) and the box around them all ({@code reach}).
 */
@Repository
class MongoPartnerCopies implements PartnerCopies {

    static final String COLLECTION = "partners";

    private static final Logger log = LoggerFactory.getLogger(MongoPartnerCopies.class);

    private final MongoTemplate mongo;

    MongoPartnerCopies(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("countries", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("countryTerms", Sort.Direction.ASC).named("countryTerms"));
        indexes.createIndex(new Index().on("remoteServices", Sort.Direction.ASC).named("remoteServices"));
        indexes.createIndex(new Index().on("areaTerms", Sort.Direction.ASC).on("reach.minLat", Sort.Direction.ASC)
                .on("reach.maxLat", Sort.Direction.ASC).on("reach.minLon", Sort.Direction.ASC).on("reach.maxLon", Sort.Direction.ASC)
                .named("areaTerms_reach"));
        deriveWhereMissing();
    }

    @Override
    public boolean keep(RoutablePartner partner) {
        return RevisionedCopies.keepIfNewer(mongo, COLLECTION, partner.id(), partner.revision(), derived(partner, new Update()
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
                .set("answerDeadline", partner.answerDeadline())));
    }

    private static Update derived(RoutablePartner partner, Update update) {
        List<Document> boxes = new ArrayList<>();
        AreaBox reach = null;
        for (ServiceArea area : partner.serviceAreas()) {
            AreaBox box = AreaBox.around(area);
            boxes.add(box(box));
            reach = reach == null ? box : reach.union(box);
        }
        return update.set("terms", CandidateSearch.termsOf(partner))
                .set("countryTerms", CandidateSearch.countryTermsOf(partner))
                .set("areaTerms", boxes.isEmpty() ? List.of() : CandidateSearch.termsOf(partner))
                .set("areaBoxes", boxes)
                .set("reach", reach == null ? null : box(reach));
    }

    private static Document box(AreaBox box) {
        return new Document("minLat", box.minLat()).append("maxLat", box.maxLat()).append("minLon", box.minLon())
                .append("maxLon", box.maxLon());
    }

    /** Copies kept before the lookup fields existed get them once, at start, so they are found again. */
    private void deriveWhereMissing() {
        int derived = 0;
        for (RoutablePartner partner : mongo.find(Query.query(where("terms").exists(false)), RoutablePartner.class, COLLECTION)) {
            // a newer revision kept meanwhile carries its own lookup fields
            Query unchanged = Query.query(where("_id").is(partner.id()).and("revision").is(partner.revision()));
            derived += (int) mongo.updateFirst(unchanged, derived(partner, new Update()), COLLECTION).getModifiedCount();
        }
        if (derived > 0) {
            log.info("derived the candidate lookup fields of {} partner copies kept before they existed", derived);
        }
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
    public List<RoutablePartner> candidatesFor(String country) {
        return mongo.find(Query.query(new Criteria().orOperator(where("countries").is(country),
                where("serviceAreas.0").exists(true), where("remoteServices.0").exists(true))), RoutablePartner.class, COLLECTION);
    }

    @Override
    public List<RoutablePartner> candidatesFor(LeadReceived lead) {
        CandidateSearch search = CandidateSearch.of(lead);
        List<Criteria> ways = new ArrayList<>(3);
        ways.add(where("countryTerms").in(search.countryTerms()));
        if (!search.services().isEmpty()) {
            ways.add(where("remoteServices").all(search.services()).and("terms").in(search.terms()));
        }
        Coordinates at = search.coordinates();
        if (at != null) {
            double lat = at.latitude();
            double lon = at.longitude();
            ways.add(where("areaTerms").in(search.terms())
                    .and("reach.minLat").lte(lat).and("reach.maxLat").gte(lat)
                    .and("reach.minLon").lte(lon).and("reach.maxLon").gte(lon)
                    .and("areaBoxes").elemMatch(where("minLat").lte(lat).and("maxLat").gte(lat).and("minLon").lte(lon).and("maxLon").gte(lon)));
        }
        Query query = Query.query(ways.size() == 1 ? ways.get(0) : new Criteria().orOperator(ways));
        // the boxes hold a little more than the circles: the exact distance drops the corners
        return mongo.find(query, RoutablePartner.class, COLLECTION).stream().filter(search::finds).toList();
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
        return !mongo.exists(new Query(), COLLECTION);
    }
}
