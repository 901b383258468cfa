package org.leadrelay.directory.audit.persistence;

import java.util.List;
import java.util.UUID;
import org.leadrelay.directory.audit.AuditEntry;
import org.leadrelay.directory.audit.AuditLog;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The audit log in the directory's database, one document per change, indexed by partner and time. */
@Repository
class MongoAuditLog implements AuditLog {

    private static final String COLLECTION = "audit";

    private final MongoTemplate mongo;

    MongoAuditLog(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
    }

    @Override
    public void record(AuditEntry entry) {
        mongo.insert(entry, COLLECTION);
    }

    @Override
    public void recordAll(List<AuditEntry> entries) {
        mongo.insert(entries, COLLECTION);
    }

    @Override
    public List<AuditEntry> of(UUID partnerId, int limit) {
        return mongo.find(Query.query(Criteria.where("partnerId").is(partnerId)).with(Sort.by(Sort.Direction.DESC, "at", "revision"))
                .limit(limit), AuditEntry.class, COLLECTION);
    }
}
