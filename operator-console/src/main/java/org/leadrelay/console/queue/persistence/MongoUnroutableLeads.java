package org.leadrelay.console.queue.persistence;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.console.queue.UnroutableLead;
import org.leadrelay.console.queue.UnroutableLeads;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code unroutable} collection, one document per waiting lead, written by its id. The queue
 * stays small (operators empty it), so the page reads it whole; the index on its age is the one a
 * real MongoDB would use to read it in order.
 */
@Repository
class MongoUnroutableLeads implements UnroutableLeads {

    static final String COLLECTION = "unroutable";

    private final MongoTemplate mongo;

    MongoUnroutableLeads(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("decidedAt", Sort.Direction.ASC));
    }

    @Override
    public void put(UnroutableLead lead) {
        mongo.save(Stored.of(lead), COLLECTION);
    }

    @Override
    public void remove(UUID leadId) {
        mongo.remove(Query.query(Criteria.where("_id").is(leadId)), COLLECTION);
    }

    @Override
    public Optional<UnroutableLead> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, Stored.class, COLLECTION)).map(Stored::lead);
    }

    @Override
    public List<UnroutableLead> oldestFirst(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.ASC, "decidedAt")).limit(limit), Stored.class, COLLECTION).stream()
                .map(Stored::lead).sorted(Comparator.comparing(UnroutableLead::since)).toList();
    }

    /** The stored form: the lead's id as the document's. */
    record Stored(@org.springframework.data.annotation.Id UUID id, java.time.Instant receivedAt, String country, String city,
            List<String> asked, String reason, List<org.leadrelay.events.PassedOver> passedOver, java.util.Map<String, Integer> passedOverCounts,
            java.time.Instant decidedAt, int attempts) {

        static Stored of(UnroutableLead lead) {
            return new Stored(lead.leadId(), lead.receivedAt(), lead.country(), lead.city(), lead.asked(), lead.reason(), lead.passedOver(),
                    lead.passedOverCounts(), lead.decidedAt(), lead.attempts());
        }

        UnroutableLead lead() {
            return new UnroutableLead(id, receivedAt, country, city, asked, reason, passedOver, passedOverCounts, decidedAt, attempts);
        }
    }
}
