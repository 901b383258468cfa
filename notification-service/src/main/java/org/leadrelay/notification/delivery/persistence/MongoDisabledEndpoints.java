package org.leadrelay.notification.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.notification.delivery.DisabledEndpoints;
import org.leadrelay.notification.delivery.Origins;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** {@code disabled_endpoints}: one document per partner whose endpoint answered 410, with the URL that did. */
@Repository
class MongoDisabledEndpoints implements DisabledEndpoints {

    static final String COLLECTION = "disabled_endpoints";

    private final MongoTemplate mongo;

    MongoDisabledEndpoints(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean disable(UUID partnerId, URI url, String reason, Instant at) {
        if (isDisabled(partnerId, url)) {
            return false;
        }
        mongo.upsert(Query.query(where("_id").is(partnerId)), new Update().set("url", url.toString()).set("origin", Origins.of(url))
                .set("reason", reason).set("disabledAt", Date.from(at)), COLLECTION);
        return true;
    }

    @Override
    public boolean isDisabled(UUID partnerId, URI url) {
        Document disabled = mongo.findById(partnerId, Document.class, COLLECTION);
        return disabled != null && url != null && url.toString().equals(disabled.getString("url"));
    }

    @Override
    public List<Disabled> all() {
        return mongo.findAll(Document.class, COLLECTION).stream()
                .map(document -> new Disabled(document.get("_id", UUID.class), document.getString("origin"), document.getString("reason"),
                        document.getDate("disabledAt").toInstant()))
                .sorted(java.util.Comparator.comparing(Disabled::disabledAt).reversed())
                .toList();
    }

    @Override
    public boolean enable(UUID partnerId) {
        return mongo.remove(Query.query(where("_id").is(partnerId)), COLLECTION).getDeletedCount() > 0;
    }
}
