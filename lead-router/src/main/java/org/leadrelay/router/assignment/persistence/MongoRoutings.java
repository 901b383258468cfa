package org.leadrelay.router.assignment.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.EventCatalog;
import org.leadrelay.events.EventCodec;
import org.leadrelay.router.assignment.Routing;
import org.leadrelay.router.assignment.Routings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per lead, keyed by leadId: the unique key makes "decide once" hold across
 * redeliveries and across router instances. The event is kept as its contract JSON.
 */
@Repository
class MongoRoutings implements Routings {

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final Clock clock;

    MongoRoutings(MongoTemplate mongo, EventCodec codec, Clock clock) {
        this.mongo = mongo;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public Routing storeFirst(Routing routing) {
        AssignmentEvent event = routing.event();
        try {
            mongo.insert(new StoredRouting(routing.leadId(), routing.eventId(), EventCatalog.of(event).type(),
                    new String(codec.write(event), UTF_8), clock.instant(), false));
            return routing;
        } catch (DuplicateKeyException routedMeanwhile) {
            return find(routing.leadId()).orElseThrow();
        }
    }

    @Override
    public Optional<Routing> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, StoredRouting.class)).map(stored -> new Routing(stored.id(),
                stored.eventId(), codec.read(stored.eventType(), stored.event().getBytes(UTF_8),
                        AssignmentEvent.class), stored.published()));
    }

    @Override
    public void markPublished(UUID leadId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(leadId)), Update.update("published", true), StoredRouting.class);
    }

    @Document("routings")
    record StoredRouting(@Id UUID id, UUID eventId, String eventType, String event, Instant storedAt, boolean published) {
    }
}
