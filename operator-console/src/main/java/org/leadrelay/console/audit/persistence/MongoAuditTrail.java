package org.leadrelay.console.audit.persistence;

import java.util.List;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The {@code audit_log} collection: insert only. */
@Repository
class MongoAuditTrail implements AuditTrail {

    static final String COLLECTION = "audit_log";

    private final MongoTemplate mongo;

    MongoAuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.DESC));
    }

    @Override
    public void record(AuditEntry entry) {
        mongo.insert(entry, COLLECTION);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "at")).limit(limit), AuditEntry.class, COLLECTION);
    }
}
