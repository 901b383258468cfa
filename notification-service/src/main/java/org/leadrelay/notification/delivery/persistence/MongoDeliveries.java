package org.leadrelay.notification.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.Deliveries;
import org.leadrelay.notification.delivery.Delivery;
import org.leadrelay.notification.delivery.LeadOffer;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The delivery log: one document per offer and channel, keyed by {@code <assignmentId>:<channel>}.
 * Starting an attempt is one atomic upsert on that key, which counts the attempt.
 */
@Repository
class MongoDeliveries implements Deliveries {

    private static final String COLLECTION = "deliveries";

    private final MongoTemplate mongo;
    private final Clock clock;

    MongoDeliveries(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Delivery startAttempt(LeadOffer offer, Channel channel) {
        String id = Delivery.idOf(offer, channel);
        Delivery current = mongo.findById(id, Delivery.class, COLLECTION);
        if (current != null && current.state() == Delivery.State.DELIVERED) {
            return current;
        }
        Update attempt = new Update()
                .setOnInsert("channel", channel)
                .setOnInsert("leadId", offer.leadId())
                .setOnInsert("assignmentId", offer.assignmentId())
                .setOnInsert("partnerId", offer.partnerId())
                .set("state", Delivery.State.PENDING)
                .set("startedAt", clock.instant())
                .inc("attempts", 1);
        return mongo.findAndModify(Query.query(where("_id").is(id)), attempt,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Delivery.class, COLLECTION);
    }

    @Override
    public void delivered(String deliveryId) {
        mongo.updateFirst(Query.query(where("_id").is(deliveryId)),
                new Update().set("state", Delivery.State.DELIVERED).set("finishedAt", clock.instant()).unset("lastError"),
                COLLECTION);
    }

    @Override
    public void failed(String deliveryId, String reason) {
        mongo.updateFirst(Query.query(where("_id").is(deliveryId)),
                new Update().set("state", Delivery.State.FAILED).set("finishedAt", clock.instant()).set("lastError", reason),
                COLLECTION);
    }
}
