package org.leadrelay.router.assignment.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.EventCatalog;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.router.assignment.LeadCase;
import org.leadrelay.router.assignment.LeadCases;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per lead, keyed by leadId, so "decide once" holds across redeliveries and router
 * instances; every change replaces it conditionally on its version. The lead and the events are
 * kept as their contract JSON, which the codec validates on the way back.
 */
@Repository
class MongoLeadCases implements LeadCases {

    static final String COLLECTION = "leads";

    private final MongoTemplate mongo;
    private final EventCodec codec;

    MongoLeadCases(MongoTemplate mongo, EventCodec codec) {
        this.mongo = mongo;
        this.codec = codec;
        // every change is conditional on the version: the embedded server serves {_id, version} from
        // this index (it plans only exact matches of an index's fields) instead of scanning every
        // lead; a real MongoDB would use _id alone, and the index costs it one more key per lead
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC));
    }

    @Override
    public boolean open(LeadCase leadCase) {
        try {
            mongo.insert(document(leadCase), COLLECTION);
            return true;
        } catch (DuplicateKeyException routedMeanwhile) {
            return false;
        }
    }

    @Override
    public Optional<LeadCase> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, Document.class, COLLECTION)).map(this::leadCase);
    }

    @Override
    public boolean replace(LeadCase changed) {
        Query current = Query.query(Criteria.where("_id").is(changed.leadId()).and("version").is(changed.version() - 1));
        return mongo.findAndReplace(current, document(changed), COLLECTION) != null;
    }

    @Override
    public void clearPending(UUID leadId, long version) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(leadId).and("version").is(version)),
                new Update().set("pending", List.of()), COLLECTION);
    }

    @Override
    public List<LeadCase> unroutable(int limit) {
        return mongo.find(Query.query(Criteria.where("state").is(LeadCase.State.UNROUTABLE.name())).with(Sort.by("updatedAt")).limit(limit),
                Document.class, COLLECTION).stream().map(this::leadCase).toList();
    }

    private Document document(LeadCase leadCase) {
        List<Document> attempts = new ArrayList<>();
        for (LeadCase.Attempt attempt : leadCase.attempts()) {
            attempts.add(new Document("number", attempt.number()).append("assignmentId", attempt.assignmentId())
                    .append("partnerId", attempt.partnerId()).append("partnerName", attempt.partnerName())
                    .append("offeredAt", date(attempt.offeredAt())).append("respondBy", date(attempt.respondBy()))
                    .append("outcome", attempt.outcome().name()).append("reason", attempt.reason())
                    .append("answeredAt", date(attempt.answeredAt())).append("assignedBy", attempt.assignedBy())
                    .append("eventType", EventCatalog.of(attempt.event()).type()).append("event", json(attempt.event())));
        }
        List<Document> pending = new ArrayList<>();
        for (LeadCase.PendingEvent event : leadCase.pending()) {
            pending.add(new Document("id", event.id()).append("type", EventCatalog.of(event.event()).type()).append("event", json(event.event())));
        }
        return new Document("_id", leadCase.leadId()).append("lead", leadCase.lead() == null ? null : new String(codec.write(leadCase.lead()), UTF_8))
                .append("state", leadCase.state().name()).append("reason", leadCase.reason()).append("updatedAt", date(leadCase.updatedAt()))
                .append("version", leadCase.version()).append("attempts", attempts).append("pending", pending);
    }

    private LeadCase leadCase(Document document) {
        List<LeadCase.Attempt> attempts = new ArrayList<>();
        for (Document attempt : document.getList("attempts", Document.class)) {
            attempts.add(new LeadCase.Attempt(attempt.getInteger("number"), attempt.get("assignmentId", UUID.class),
                    attempt.get("partnerId", UUID.class), attempt.getString("partnerName"), instant(attempt.getDate("offeredAt")),
                    instant(attempt.getDate("respondBy")), LeadCase.Outcome.valueOf(attempt.getString("outcome")), attempt.getString("reason"),
                    instant(attempt.getDate("answeredAt")), attempt.getString("assignedBy"),
                    codec.read(attempt.getString("eventType"), attempt.getString("event").getBytes(UTF_8), AssignmentEvent.class)));
        }
        List<LeadCase.PendingEvent> pending = new ArrayList<>();
        for (Document event : document.getList("pending", Document.class)) {
            pending.add(new LeadCase.PendingEvent(event.get("id", UUID.class),
                    codec.read(event.getString("type"), event.getString("event").getBytes(UTF_8), AssignmentEvent.class)));
        }
        return new LeadCase(document.get("_id", UUID.class),
                document.getString("lead") == null ? null
                        : codec.read(EventTypes.LEAD_RECEIVED, document.getString("lead").getBytes(UTF_8), LeadReceived.class),
                LeadCase.State.valueOf(document.getString("state")), attempts, document.getString("reason"),
                instant(document.getDate("updatedAt")), document.get("version", Number.class).longValue(), pending);
    }

    private String json(AssignmentEvent event) {
        return new String(codec.write(event), UTF_8);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
