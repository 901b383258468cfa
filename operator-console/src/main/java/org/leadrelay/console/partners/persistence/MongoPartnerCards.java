package org.leadrelay.console.partners.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.console.partners.PartnerCard;
import org.leadrelay.console.partners.PartnerCards;
import org.leadrelay.events.Absence;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code partners} collection, one document per partner, read and written by its id. A
 * partner's records arrive in order (keyed by partnerId, so one consumer thread at a time), so
 * reading the kept revision before writing is enough to ignore an older one. The page reads by name:
 * the index is the one a real MongoDB uses to page through ten thousand partners.
 */
@Repository
class MongoPartnerCards implements PartnerCards {

    static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    MongoPartnerCards(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sortName", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    }

    @Override
    public boolean keep(PartnerCard card) {
        Stored kept = mongo.findById(card.partnerId(), Stored.class, COLLECTION);
        if (kept != null && kept.revision() >= card.revision()) {
            return false;
        }
        mongo.save(Stored.of(card), COLLECTION);
        return true;
    }

    @Override
    public void delete(UUID partnerId) {
        mongo.remove(Query.query(Criteria.where("_id").is(partnerId)), COLLECTION);
    }

    @Override
    public List<PartnerCard> byName(int offset, int limit) {
        Query page = new Query().with(Sort.by(Sort.Direction.ASC, "sortName").and(Sort.by(Sort.Direction.ASC, "_id"))).skip(offset)
                .limit(limit);
        return mongo.find(page, Stored.class, COLLECTION).stream().map(Stored::card).toList();
    }

    /** The stored form, with the name as it sorts. */
    record Stored(@Id UUID id, String name, String sortName, String tier, String status, String statusReason, int capacity,
            Integer weeklyCapacity, Double routingWeight, List<Absence> absences, long revision, Instant updatedAt) {

        static Stored of(PartnerCard card) {
            return new Stored(card.partnerId(), card.name(), card.name().toLowerCase(Locale.ROOT), card.tier(), card.status(),
                    card.statusReason(), card.capacity(), card.weeklyCapacity(), card.routingWeight(), card.absences(), card.revision(),
                    card.updatedAt());
        }

        PartnerCard card() {
            return new PartnerCard(id, name, tier, status, statusReason, capacity, weeklyCapacity, routingWeight, absences, revision,
                    updatedAt);
        }
    }
}
