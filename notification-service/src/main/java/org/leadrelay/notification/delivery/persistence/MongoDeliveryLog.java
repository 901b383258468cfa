package org.leadrelay.notification.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.DeliveryKind;
import org.leadrelay.notification.delivery.DeliveryLog;
import org.leadrelay.notification.delivery.DeliveryState;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The delivery log: {@code deliveries}, one document per delivery key (which makes a delivery
 * scheduled once ever), and {@code delivery_attempts}, one per attempt. Lookups are by key or by a
 * single indexed field, which the embedded database's simple planner serves from its index.
 */
@Repository
class MongoDeliveryLog implements DeliveryLog {

    static final String DELIVERIES = "deliveries";
    static final String ATTEMPTS = "delivery_attempts";

    private final MongoTemplate mongo;

    MongoDeliveryLog(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("leadId", Sort.Direction.ASC));
        mongo.indexOps(DELIVERIES).createIndex(new Index().on("partnerId", Sort.Direction.ASC));
        mongo.indexOps(ATTEMPTS).createIndex(new Index().on("deliveryId", Sort.Direction.ASC));
        mongo.indexOps(ATTEMPTS).createIndex(new Index().on("leadId", Sort.Direction.ASC));
    }

    @Override
    public boolean contains(String deliveryId) {
        // a find by key, not exists(): Spring Data counts for that, which the embedded server runs as an
        // aggregation over every delivery ever logged
        Query byKey = byId(deliveryId);
        byKey.fields().include("_id");
        return mongo.findOne(byKey, Document.class, DELIVERIES) != null;
    }

    @Override
    public void opened(org.leadrelay.notification.delivery.DeliveryJob job, String target) {
        mongo.upsert(byId(job.id()), new Update().setOnInsert("kind", job.kind().name()).setOnInsert("channel", job.channel().name())
                .setOnInsert("leadId", job.leadId()).setOnInsert("assignmentId", job.assignmentId())
                .setOnInsert("partnerId", job.partnerId()).setOnInsert("target", target).setOnInsert("messageId", job.messageId())
                .setOnInsert("state", DeliveryState.PENDING.name()).setOnInsert("attempts", 0)
                .setOnInsert("createdAt", Date.from(job.createdAt())), DELIVERIES);
    }

    @Override
    public void attempted(Attempt attempt) {
        mongo.save(new Document("_id", attempt.deliveryId() + "#" + attempt.attempt()).append("deliveryId", attempt.deliveryId())
                .append("attempt", attempt.attempt()).append("kind", attempt.kind().name()).append("channel", attempt.channel().name())
                .append("leadId", attempt.leadId()).append("partnerId", attempt.partnerId()).append("target", attempt.target())
                .append("outcome", attempt.outcome()).append("error", attempt.error()).append("latencyMs", attempt.latencyMs())
                .append("at", Date.from(attempt.at())), ATTEMPTS);
    }

    @Override
    public void retrying(String deliveryId, int attempts, String lastError, Instant at, Instant nextAttemptAt) {
        mongo.updateFirst(byId(deliveryId), new Update().set("state", DeliveryState.PENDING.name()).set("attempts", attempts)
                .set("lastError", lastError).set("lastAttemptAt", Date.from(at)).set("nextAttemptAt", Date.from(nextAttemptAt)), DELIVERIES);
    }

    @Override
    public void settled(String deliveryId, DeliveryState state, int attempts, String lastError, Instant at) {
        Update update = new Update().set("state", state.name()).set("attempts", attempts).set("finishedAt", Date.from(at))
                .unset("nextAttemptAt");
        if (lastError == null) {
            update.unset("lastError");
        } else {
            update.set("lastError", lastError);
        }
        if (state != DeliveryState.CANCELLED) {
            update.set("lastAttemptAt", Date.from(at));
        }
        mongo.updateFirst(byId(deliveryId), update, DELIVERIES);
    }

    @Override
    public Optional<Entry> find(String deliveryId) {
        return Optional.ofNullable(mongo.findOne(byId(deliveryId), Document.class, DELIVERIES)).map(MongoDeliveryLog::entry);
    }

    @Override
    public List<Entry> ofLead(UUID leadId) {
        return mongo.find(Query.query(where("leadId").is(leadId)), Document.class, DELIVERIES).stream().map(MongoDeliveryLog::entry)
                .sorted(java.util.Comparator.comparing(Entry::createdAt).thenComparing(Entry::id)).toList();
    }

    @Override
    public List<Entry> ofPartner(UUID partnerId, int limit) {
        return mongo.find(Query.query(where("partnerId").is(partnerId)), Document.class, DELIVERIES).stream().map(MongoDeliveryLog::entry)
                .sorted(java.util.Comparator.comparing(Entry::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<Attempt> attemptsOf(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        Query query = deliveryIds.size() == 1 ? Query.query(where("deliveryId").is(deliveryIds.iterator().next()))
                : Query.query(where("deliveryId").in(deliveryIds));
        return mongo.find(query, Document.class, ATTEMPTS).stream().map(MongoDeliveryLog::attempt)
                .sorted(java.util.Comparator.comparing(Attempt::at).thenComparing(Attempt::attempt)).toList();
    }

    @Override
    public List<Attempt> attemptsOfLead(UUID leadId) {
        return mongo.find(Query.query(where("leadId").is(leadId)), Document.class, ATTEMPTS).stream().map(MongoDeliveryLog::attempt)
                .sorted(java.util.Comparator.comparing(Attempt::at).thenComparing(Attempt::attempt)).toList();
    }

    private static Query byId(String id) {
        return Query.query(where("_id").is(id));
    }

    private static Entry entry(Document document) {
        return new Entry(document.getString("_id"), DeliveryKind.valueOf(document.getString("kind")),
                Channel.valueOf(document.getString("channel")), document.get("leadId", UUID.class), document.get("assignmentId", UUID.class),
                document.get("partnerId", UUID.class), document.getString("target"), document.getString("messageId"),
                DeliveryState.valueOf(document.getString("state")),
                document.getInteger("attempts", 0), instant(document.getDate("createdAt")), instant(document.getDate("lastAttemptAt")),
                instant(document.getDate("nextAttemptAt")), instant(document.getDate("finishedAt")), document.getString("lastError"));
    }

    private static Attempt attempt(Document document) {
        return new Attempt(document.getString("deliveryId"), document.getInteger("attempt", 0), DeliveryKind.valueOf(document.getString("kind")),
                Channel.valueOf(document.getString("channel")), document.get("leadId", UUID.class), document.get("partnerId", UUID.class),
                document.getString("target"), document.getString("outcome"), document.getString("error"),
                document.get("latencyMs", Number.class).longValue(), instant(document.getDate("at")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
