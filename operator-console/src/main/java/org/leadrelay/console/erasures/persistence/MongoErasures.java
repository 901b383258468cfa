package org.leadrelay.console.erasures.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.erasures.Erasure;
import org.leadrelay.console.erasures.Erasures;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code erasures}: one document per erased lead, {@code {_id: leadId, erasedAt, open, reports: {service: {at, summary}}}}.
 * Every write is an upsert by id that only sets what was not there, so a redelivered event changes
 * nothing. {@code open_erasures} holds the ids of those not yet done everywhere: the open list reads
 * it whole (few documents, as erasures are done in seconds) and then the erasures by id, so its
 * cost does not grow with the erasures of years.
 */
@Repository
class MongoErasures implements Erasures {

    static final String COLLECTION = "erasures";
    static final String OPEN = "open_erasures";

    private final MongoTemplate mongo;

    MongoErasures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erased(UUID leadId, Instant erasedAt, Instant consoleDoneAt) {
        Document existing = mongo.findById(leadId, Document.class, COLLECTION);
        Update update = new Update().setOnInsert("open", true);
        if (existing == null || existing.get("erasedAt") == null) {
            update.set("erasedAt", Date.from(erasedAt));
        }
        if (existing == null || !reports(existing).containsKey(Erasure.CONSOLE)) {
            update.set("reports." + Erasure.CONSOLE, report(consoleDoneAt, "story and search index without the person"));
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(leadId)), update, COLLECTION);
        if (existing == null || existing.getBoolean("open", true)) {
            mongo.upsert(Query.query(Criteria.where("_id").is(leadId)), new Update().setOnInsert("since", Date.from(erasedAt)), OPEN);
        }
    }

    @Override
    public void reported(UUID leadId, String service, String summary, Instant at) {
        Document existing = mongo.findById(leadId, Document.class, COLLECTION);
        if (existing != null && reports(existing).containsKey(service)) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(leadId)),
                new Update().setOnInsert("open", true).set("reports." + service, report(at, summary)), COLLECTION);
    }

    @Override
    public void closed(UUID leadId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(leadId)), new Update().set("open", false), COLLECTION);
        mongo.remove(Query.query(Criteria.where("_id").is(leadId)), OPEN);
    }

    @Override
    public Optional<Erasure> find(UUID leadId) {
        return Optional.ofNullable(mongo.findById(leadId, Document.class, COLLECTION)).map(MongoErasures::erasure);
    }

    @Override
    public List<Erasure> open(int limit) {
        List<Object> ids = mongo.find(new Query().with(org.springframework.data.domain.Sort.by("since")).limit(limit), Document.class, OPEN)
                .stream().map(open -> open.get("_id")).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION).stream()
                .map(MongoErasures::erasure)
                .sorted(java.util.Comparator.comparing(Erasure::erasedAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
    }

    private static Document report(Instant at, String summary) {
        return new Document("at", Date.from(at)).append("summary", summary);
    }

    private static Map<String, Document> reports(Document erasure) {
        Map<String, Document> reports = new LinkedHashMap<>();
        Document stored = erasure.get("reports", Document.class);
        if (stored != null) {
            stored.forEach((service, report) -> reports.put(service, (Document) report));
        }
        return reports;
    }

    private static Erasure erasure(Document document) {
        Map<String, Erasure.Report> reports = new LinkedHashMap<>();
        reports(document).forEach((service, report) -> reports.put(service,
                new Erasure.Report(report.getDate("at").toInstant(), report.getString("summary"))));
        Date erasedAt = document.getDate("erasedAt");
        return new Erasure(document.get("_id", UUID.class), erasedAt == null ? null : erasedAt.toInstant(), reports);
    }
}
