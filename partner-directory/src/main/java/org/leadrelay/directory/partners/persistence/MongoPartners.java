package org.leadrelay.directory.partners.persistence;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerFilter;
import org.leadrelay.directory.partners.PartnerPage;
import org.leadrelay.directory.partners.PartnerStatus;
import org.leadrelay.directory.partners.Partners;
import org.leadrelay.directory.partners.Tier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Partners in the directory's own database, one document per partner keyed by its id. Conditional
 * writes on the revision make concurrent updates safe without transactions.
 */
@Repository
class MongoPartners implements Partners {

    private static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartners(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        // changes are conditional on the revision: the embedded server serves {_id, revision} from this index
        // instead of scanning every partner (a real MongoDB would use _id alone)
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index().on("profile.countries", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("profile.expertise.term", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("profile.name", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    }

    @Override
    public void add(Partner partner) {
        mongo.insert(partner, COLLECTION);
    }

    @Override
    public void addAll(Collection<Partner> partners) {
        mongo.insert(partners, COLLECTION);
    }

    @Override
    public java.util.Set<UUID> existing(Collection<UUID> ids) {
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream().map(document -> document.get("_id", UUID.class))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Optional<Partner> find(UUID id) {
        return record(id).filter(partner -> !partner.deleted());
    }

    @Override
    public Optional<Partner> record(UUID id) {
        return Optional.ofNullable(mongo.findById(id, Partner.class, COLLECTION));
    }

    @Override
    public boolean replace(Partner changed) {
        Query current = Query.query(Criteria.where("_id").is(changed.id()).and("revision").is(changed.revision() - 1));
        return mongo.findAndReplace(current, changed, COLLECTION) != null;
    }

    @Override
    public void markPublished(UUID id, long revision) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("revision").is(revision)), Update.update("published", true),
                COLLECTION);
    }

    @Override
    public void markPublished(Map<UUID, Long> revisions) {
        if (!revisions.isEmpty()) {
            BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            revisions.forEach((id, revision) -> updates.updateOne(Query.query(Criteria.where("_id").is(id).and("revision").is(revision)),
                    Update.update("published", true)));
            updates.execute();
        }
    }

    @Override
    public Map<UUID, Long> markAllUnpublished() {
        mongo.updateMulti(Query.query(Criteria.where("published").is(true)), Update.update("published", false), COLLECTION);
        Query all = new Query();
        all.fields().include("_id").include("revision");
        Map<UUID, Long> revisions = new HashMap<>();
        for (org.bson.Document partner : mongo.find(all, org.bson.Document.class, COLLECTION)) {
            revisions.put(partner.get("_id", UUID.class), partner.get("revision", Number.class).longValue());
        }
        return revisions;
    }

    @Override
    public List<Partner> records(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("_id").in(ids)), Partner.class, COLLECTION);
    }

    @Override
    public void purge(UUID id, long revision) {
        // the caller published this revision's tombstone: it is the deleted one
        mongo.remove(Query.query(Criteria.where("_id").is(id).and("revision").is(revision)), COLLECTION);
    }

    @Override
    public PartnerPage list(PartnerFilter filter, int page, int size) {
        Criteria criteria = Criteria.where("deleted").is(false);
        if (filter.country() != null) {
            criteria = criteria.and("profile.countries").is(filter.country());
        }
        if (filter.speciality() != null) {
            criteria = criteria.and("profile.expertise.term").is(filter.speciality());
        }
        if (filter.tier() != null) {
            criteria = criteria.and("profile.tier").is(filter.tier());
        }
        if (filter.status() != null) {
            criteria = criteria.and("status").is(filter.status());
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, COLLECTION);
        List<Partner> partners = mongo.find(query.with(Sort.by("profile.name", "_id")).skip((long) page * size).limit(size),
                Partner.class, COLLECTION);
        return new PartnerPage(partners, page, size, total);
    }

    @Override
    public Map<PartnerStatus, Map<Tier, Long>> census() {
        Map<PartnerStatus, Map<Tier, Long>> census = new EnumMap<>(PartnerStatus.class);
        for (PartnerStatus status : PartnerStatus.values()) {
            Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                byTier.put(tier, mongo.count(Query.query(Criteria.where("deleted").is(false).and("status").is(status)
                        .and("profile.tier").is(tier)), COLLECTION));
            }
            census.put(status, byTier);
        }
        return census;
    }
}
