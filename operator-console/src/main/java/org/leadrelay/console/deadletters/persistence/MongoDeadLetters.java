package org.leadrelay.console.deadletters.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.DeadLetterStatus;
import org.leadrelay.console.deadletters.DeadLetters;
import org.leadrelay.console.deadletters.RecordHeader;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code dead_letters} collection: one document per dead letter, keyed by its place in its
 * dead-letter topic, so reading a record again inserts nothing. A change replaces the document
 * where its {@code (_id, version)} still matches, a unique index the embedded database serves by
 * index. The page's list of waiting dead letters (a small set) reads by status and time, the index
 * a real MongoDB needs; the embedded server scans.
 */
@Repository
class MongoDeadLetters implements DeadLetters {

    static final String COLLECTION = "dead_letters";

    private final MongoTemplate mongo;

    MongoDeadLetters(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("storedAt", Sort.Direction.DESC));
    }

    @Override
    public boolean add(DeadLetter letter) {
        try {
            mongo.insert(document(letter, 0), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public long removeOfKey(String key) {
        return mongo.remove(Query.query(Criteria.where("key").is(new Binary(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                COLLECTION).getDeletedCount();
    }

    @Override
    public void remove(java.util.Collection<String> ids) {
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), COLLECTION);
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(MongoDeadLetters::letter);
    }

    @Override
    public boolean save(DeadLetter letter) {
        Query current = Query.query(Criteria.where("_id").is(letter.id()).and("version").is(letter.version()));
        return mongo.replace(current, document(letter, letter.version() + 1), COLLECTION).getModifiedCount() == 1;
    }

    @Override
    public List<DeadLetter> waiting(int skip, int limit) {
        Query query = Query.query(Criteria.where("status").in(DeadLetterStatus.OPEN.name(), DeadLetterStatus.REPLAYING.name()))
                .with(Sort.by(Sort.Direction.DESC, "storedAt")).skip(skip).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(MongoDeadLetters::letter).toList();
    }

    private static Document document(DeadLetter letter, long version) {
        List<Document> headers = new ArrayList<>();
        for (RecordHeader header : letter.headers()) {
            headers.add(new Document("name", header.name()).append("value", header.value() == null ? null : new Binary(header.value())));
        }
        return new Document("_id", letter.id()).append("version", version)
                .append("dlqTopic", letter.dlqTopic()).append("dlqPartition", letter.dlqPartition()).append("dlqOffset", letter.dlqOffset())
                .append("deadLetteredAt", date(letter.deadLetteredAt()))
                .append("originalTopic", letter.originalTopic()).append("originalPartition", letter.originalPartition())
                .append("originalOffset", letter.originalOffset()).append("originalTimestamp", date(letter.originalTimestamp()))
                .append("key", letter.key() == null ? null : new Binary(letter.key()))
                .append("value", letter.value() == null ? null : new Binary(letter.value()))
                .append("headers", headers).append("ceType", letter.ceType()).append("reason", letter.reason())
                .append("exceptionClass", letter.exceptionClass()).append("storedAt", date(letter.storedAt()))
                .append("status", letter.status().name()).append("actedBy", letter.actedBy()).append("actedAt", date(letter.actedAt()))
                .append("actionReason", letter.actionReason());
    }

    private static DeadLetter letter(Document document) {
        List<RecordHeader> headers = new ArrayList<>();
        for (Document header : document.getList("headers", Document.class, List.of())) {
            headers.add(new RecordHeader(header.getString("name"), bytes(header.get("value"))));
        }
        return new DeadLetter(document.getString("_id"), number(document.get("version")).longValue(), document.getString("dlqTopic"),
                number(document.get("dlqPartition")).intValue(), number(document.get("dlqOffset")).longValue(),
                instant(document.getDate("deadLetteredAt")), document.getString("originalTopic"),
                document.get("originalPartition") == null ? null : number(document.get("originalPartition")).intValue(),
                document.get("originalOffset") == null ? null : number(document.get("originalOffset")).longValue(),
                instant(document.getDate("originalTimestamp")), bytes(document.get("key")), bytes(document.get("value")), headers,
                document.getString("ceType"), document.getString("reason"), document.getString("exceptionClass"),
                instant(document.getDate("storedAt")), DeadLetterStatus.valueOf(document.getString("status")), document.getString("actedBy"),
                instant(document.getDate("actedAt")), document.getString("actionReason"));
    }

    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof Binary binary) {
            return binary.getData();
        }
        return value instanceof byte[] raw ? raw : null;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
