package org.leadrelay.kit.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * What a service holds about a lead, read as it is stored, for a person's access request (GDPR
 * Art. 15): the documents of each collection that concern the lead, as plain JSON-ready maps
 * (times as ISO-8601 instants, ids as text, bytes as Base64). Reading the stored documents rather
 * than a model of them means the export shows everything kept, including fields a model would not
 * show.
 */
public final class HeldDocuments {

    private final MongoTemplate mongo;
    private final Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();

    private HeldDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static HeldDocuments in(MongoTemplate mongo) {
        return new HeldDocuments(mongo);
    }

    /** The document of {@code collection} with this {@code _id}, if there is one. */
    public HeldDocuments byId(String collection, Object id) {
        return add(collection, mongo.find(Query.query(where("_id").is(id)), Document.class, collection));
    }

    /**
     * The documents of {@code collection} whose {@code field} is {@code value}: an operator's rare
     * read, which scans the collection where the field has no index (on the embedded server, always).
     */
    public HeldDocuments having(String collection, String field, Object value) {
        return add(collection, mongo.find(Query.query(where(field).is(value)), Document.class, collection));
    }

    /**
     * Replaces these top-level fields of the documents read so far from {@code collection} with
     * {@code why}: what the lead's person may not have (another party's address, a partner's answer
     * link that would let its holder answer the offer), said rather than silently left out.
     */
    public HeldDocuments withholding(String collection, String why, String... fields) {
        for (Map<String, Object> document : found.getOrDefault(collection, List.of())) {
            for (String field : fields) {
                if (document.containsKey(field)) {
                    document.put(field, "withheld: " + why);
                }
            }
        }
        return this;
    }

    /** Every collection asked for, each with its documents (an empty list when it holds none). */
    public Map<String, List<Map<String, Object>>> collections() {
        return found;
    }

    private HeldDocuments add(String collection, List<Document> documents) {
        List<Map<String, Object>> plain = found.computeIfAbsent(collection, name -> new ArrayList<>());
        documents.forEach(document -> plain.add(plain(document)));
        return this;
    }

    static Map<String, Object> plain(Map<String, Object> document) {
        Map<String, Object> plain = new LinkedHashMap<>();
        document.forEach((field, value) -> {
            if (!"_class".equals(field)) {
                plain.put(field, plainValue(value));
            }
        });
        return plain;
    }

    @SuppressWarnings("unchecked")
    private static Object plainValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return plain((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HeldDocuments::plainValue).toList();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Binary binary) {
            return Base64.getEncoder().encodeToString(binary.getData());
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof ObjectId || value instanceof java.util.UUID) {
            return value.toString();
        }
        return value;
    }
}
