package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.UUID;
import org.leadrelay.intake.leads.LeadsByEmail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One small document per contact email key, listing its stored leads: finding a person's leads is
 * one lookup by key, on a real MongoDB as on the embedded server (which uses an index only when a
 * query names exactly its fields, so an index on the leads' email would not spare it a scan of
 * every lead). Each change is one atomic write by key that raises a version; the last lead's
 * removal deletes the document only where the version is still the one that emptied it, so a lead
 * listed meanwhile is never lost. A unique index on {@code (_id, version)} serves that delete
 * without a scan on the embedded server.
 */
@Repository
class MongoLeadsByEmail implements LeadsByEmail {

    static final String COLLECTION = "leads_by_email";

    private final MongoTemplate mongo;

    MongoLeadsByEmail(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
    }

    @Override
    public void add(String emailKey, UUID leadId) {
        Update listed = new Update().addToSet("leadIds", leadId).inc("version", 1);
        try {
            mongo.upsert(byKey(emailKey), listed, COLLECTION);
        } catch (DuplicateKeyException insertedMeanwhile) {
            // two first leads of one address at once: the other inserted the document, which now exists
            mongo.upsert(byKey(emailKey), listed, COLLECTION);
        }
    }

    @Override
    public List<UUID> find(String emailKey) {
        EmailLeads leads = mongo.findById(emailKey, EmailLeads.class, COLLECTION);
        return leads == null || leads.leadIds() == null ? List.of() : List.copyOf(leads.leadIds());
    }

    @Override
    public void remove(String emailKey, UUID leadId) {
        EmailLeads left = mongo.findAndModify(byKey(emailKey), new Update().pull("leadIds", leadId).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), EmailLeads.class, COLLECTION);
        if (left != null && (left.leadIds() == null || left.leadIds().isEmpty())) {
            mongo.remove(Query.query(where("_id").is(emailKey).and("version").is(left.version())), COLLECTION);
        }
    }

    private static Query byKey(String emailKey) {
        return Query.query(where("_id").is(emailKey));
    }

    record EmailLeads(@Id String key, List<UUID> leadIds, long version) {
    }
}
