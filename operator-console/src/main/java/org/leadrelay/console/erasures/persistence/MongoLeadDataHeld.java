package org.leadrelay.console.erasures.persistence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.Binary;
import org.leadrelay.kit.persistence.HeldDocuments;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What the console holds of a lead: its story (every event as received, or without the person
 * once erased), its place in the unroutable queue, its erasure's progress, and the dead letters of
 * its records (kept as they failed).
 */
@Component
class MongoLeadDataHeld implements LeadDataHeld {

    private final MongoTemplate mongo;

    MongoLeadDataHeld(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(UUID leadId) {
        return HeldDocuments.in(mongo).byId("leads", leadId).byId("unroutable", leadId).byId(MongoErasures.COLLECTION, leadId)
                .having("dead_letters", "key", new Binary(leadId.toString().getBytes(StandardCharsets.UTF_8))).collections();
    }
}
