package org.leadrelay.console.deliveries.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.deliveries.EndpointHealth;
import org.leadrelay.console.deliveries.EndpointHealths;
import org.leadrelay.console.deliveries.RetryUnderWay;
import org.leadrelay.events.Channel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * {@code delivery_endpoints}: one document per partner and channel, keyed {@code <partnerId>:<channel>}.
 * A change replaces the document where its {@code (_id, version)} still matches, a unique index the
 * embedded database serves by index. The page's read of the troubled endpoints (a small set: one
 * document per partner and channel) filters on {@code failing} and {@code retryCount}, the indexes a
 * real MongoDB needs; the embedded server scans.
 */
@Repository
class MongoEndpointHealths implements EndpointHealths {

    static final String COLLECTION = "delivery_endpoints";

    private final MongoTemplate mongo;

    MongoEndpointHealths(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index().on("failing", Sort.Direction.ASC).on("lastFailureAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("retryCount", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("partnerId", Sort.Direction.ASC));
    }

    @Override
    public Optional<EndpointHealth> find(UUID partnerId, Channel channel) {
        return Optional.ofNullable(mongo.findById(EndpointHealth.id(partnerId, channel), Document.class, COLLECTION))
                .map(MongoEndpointHealths::endpoint);
    }

    @Override
    public boolean save(EndpointHealth endpoint) {
        Document next = document(endpoint, endpoint.version() + 1);
        if (endpoint.version() < 0) {
            try {
                mongo.insert(next, COLLECTION);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Query current = Query.query(Criteria.where("_id").is(endpoint.id()).and("version").is(endpoint.version()));
        return mongo.replace(current, next, COLLECTION).getModifiedCount() == 1;
    }

    @Override
    public List<EndpointHealth> troubled(int limit) {
        Query query = Query.query(new Criteria().orOperator(Criteria.where("failing").is(true), Criteria.where("retryCount").gt(0)))
                .with(Sort.by(Sort.Direction.DESC, "lastFailureAt")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(MongoEndpointHealths::endpoint).toList();
    }

    @Override
    public List<EndpointHealth> ofPartners(Collection<UUID> partnerIds) {
        if (partnerIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (UUID partner : partnerIds) {
            for (Channel channel : Channel.values()) {
                ids.add(EndpointHealth.id(partner, channel));
            }
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION).stream().map(MongoEndpointHealths::endpoint)
                .toList();
    }

    private static Document document(EndpointHealth endpoint, long version) {
        List<Document> retries = new ArrayList<>();
        for (RetryUnderWay retry : endpoint.retries()) {
            retries.add(new Document("leadId", retry.leadId()).append("assignmentId", retry.assignmentId()).append("message", retry.message())
                    .append("attempt", retry.attempt()).append("reason", retry.reason()).append("failedAt", date(retry.failedAt())));
        }
        return new Document("_id", endpoint.id()).append("version", version).append("partnerId", endpoint.partnerId())
                .append("channel", endpoint.channel().name()).append("partnerName", endpoint.partnerName())
                .append("lastOutcome", endpoint.lastOutcome() == null ? null : endpoint.lastOutcome().name())
                .append("lastAt", date(endpoint.lastAt())).append("consecutiveFailures", endpoint.consecutiveFailures())
                .append("lastFailureReason", endpoint.lastFailureReason()).append("lastFailureAt", date(endpoint.lastFailureAt()))
                .append("lastDeliveredAt", date(endpoint.lastDeliveredAt())).append("failing", endpoint.failing())
                .append("retries", retries).append("retryCount", retries.size());
    }

    private static EndpointHealth endpoint(Document document) {
        List<RetryUnderWay> retries = new ArrayList<>();
        for (Document retry : document.getList("retries", Document.class, List.of())) {
            retries.add(new RetryUnderWay(retry.get("leadId", UUID.class), retry.get("assignmentId", UUID.class), retry.getString("message"),
                    retry.getInteger("attempt", 0), retry.getString("reason"), instant(retry.getDate("failedAt"))));
        }
        String outcome = document.getString("lastOutcome");
        return new EndpointHealth(document.get("partnerId", UUID.class), Channel.valueOf(document.getString("channel")),
                ((Number) document.get("version")).longValue(), document.getString("partnerName"),
                outcome == null ? null : EndpointHealth.Outcome.valueOf(outcome), instant(document.getDate("lastAt")),
                document.getInteger("consecutiveFailures", 0), document.getString("lastFailureReason"), instant(document.getDate("lastFailureAt")),
                instant(document.getDate("lastDeliveredAt")), retries);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
