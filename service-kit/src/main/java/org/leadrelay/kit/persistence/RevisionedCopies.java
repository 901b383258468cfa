package org.leadrelay.kit.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.client.result.UpdateResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A service's copy of another service's entities, kept from a topic of revisioned states: one
 * document per entity, replaced only by a newer revision, in one atomic upsert. A replayed or
 * out-of-date state changes nothing, so the consumer that applies them is idempotent.
 */
public final class RevisionedCopies {

    private RevisionedCopies() {
    }

    /**
     * Writes {@code state} (which must set {@code revision}) unless the copy holds the same or a
     * newer revision.
     *
     * @return true when the copy changed
     */
    public static boolean keepIfNewer(MongoTemplate mongo, String collection, Object id, long revision, Update state) {
        Query olderOrAbsent = Query.query(where("_id").is(id).and("revision").lt(revision));
        try {
            UpdateResult result = mongo.upsert(olderOrAbsent, state.set("revision", revision), collection);
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException sameOrNewer) {
            // no older revision matched, and the insert met the entity's _id: we hold this revision or a newer one
            return false;
        }
    }
}
