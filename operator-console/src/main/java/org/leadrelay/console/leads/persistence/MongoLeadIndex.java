package org.leadrelay.console.leads.persistence;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.leadrelay.console.leads.LeadIndex;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The search index in two collections: {@code lead_index_heads}, one document per key with its
 * number of chunks (moved on by compare-and-set on the unique {@code (_id, chunks)}), and
 * {@code lead_index_chunks}, keyed {@code <key>#<n>}, each holding up to {@link #CHUNK} entries.
 * Every read and write is by key (ADR 0011); an add (all of a batch's entries for a key) is one write, the heads being kept in memory
 * and read again whenever a chunk fills. A chunk may end over its size by a batch, or when two
 * writers (or two instances) fill it at once, which only makes it a little longer.
 */
@Repository
class MongoLeadIndex implements LeadIndex {

    static final String HEADS = "lead_index_heads";
    static final String CHUNKS = "lead_index_chunks";
    static final int CHUNK = 500;
    private static final int CHUNKS_PER_READ = 8;

    /** Heads kept in memory so an add is one write; bounded (a day's keys), and read again whenever a chunk fills. */
    private static final int MOST_KNOWN_HEADS = 10_000;

    private final MongoTemplate mongo;
    private final Map<String, Integer> knownChunks = new ConcurrentHashMap<>();

    MongoLeadIndex(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(HEADS).createIndex(new Index().on("_id", Sort.Direction.ASC).on("chunks", Sort.Direction.ASC).unique());
    }

    @Override
    public void add(String key, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int chunks = knownChunks.computeIfAbsent(key, this::chunks);
        Query chunkQuery = Query.query(Criteria.where("_id").is(key + "#" + (chunks - 1)));
        chunkQuery.fields().include("size"); // the new size only, not the chunk's entries
        Object[] added = entries.stream().map(entry -> new Document("l", entry.leadId()).append("t", Date.from(entry.at()))).toArray();
        Document chunk = mongo.findAndModify(chunkQuery, new Update().push("entries").each(added).inc("size", entries.size()),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, CHUNKS);
        int size = chunk == null ? 0 : chunk.getInteger("size", 0);
        if (size >= CHUNK) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("chunks").is(chunks)), new Update().set("chunks", chunks + 1), HEADS);
            // whoever moved it on (this writer or another instance), read where it is now
            knownChunks.put(key, chunks(key));
        }
        if (knownChunks.size() > MOST_KNOWN_HEADS) {
            knownChunks.clear();
        }
    }

    private int chunks(String key) {
        Document head = mongo.findById(key, Document.class, HEADS);
        if (head != null) {
            return head.getInteger("chunks");
        }
        try {
            mongo.insert(new Document("_id", key).append("chunks", 1), HEADS);
            return 1;
        } catch (DuplicateKeyException e) {
            return mongo.findById(key, Document.class, HEADS).getInteger("chunks");
        }
    }

    @Override
    public Page newest(List<String> keys, int most) {
        Map<String, Integer> chunksOf = new HashMap<>();
        if (!keys.isEmpty()) {
            for (Document head : mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class, HEADS)) {
                chunksOf.put(head.getString("_id"), head.getInteger("chunks"));
            }
        }
        List<String> order = new ArrayList<>();
        for (String key : keys) {
            for (int n = chunksOf.getOrDefault(key, 0) - 1; n >= 0; n--) {
                order.add(key + "#" + n);
            }
        }
        List<Entry> entries = new ArrayList<>();
        int next = 0;
        while (next < order.size() && entries.size() < most) {
            List<String> batch = order.subList(next, Math.min(order.size(), next + CHUNKS_PER_READ));
            Map<String, Document> read = new HashMap<>();
            for (Document chunk : mongo.find(Query.query(Criteria.where("_id").in(batch)), Document.class, CHUNKS)) {
                read.put(chunk.getString("_id"), chunk);
            }
            for (String id : batch) {
                Document chunk = read.get(id);
                if (chunk != null) {
                    for (Document entry : chunk.getList("entries", Document.class, List.of())) {
                        entries.add(new Entry(entry.get("l", UUID.class), entry.getDate("t").toInstant()));
                    }
                }
            }
            next += batch.size();
        }
        return new Page(entries, next < order.size());
    }
}
