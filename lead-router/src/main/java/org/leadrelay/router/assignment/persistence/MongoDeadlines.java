package org.leadrelay.router.assignment.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.router.assignment.Deadlines;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Timers in the router's database ({@code timers}), claimed with a lease by one conditional update each. */
@Repository
class MongoDeadlines implements Deadlines {

    private static final String COLLECTION = "timers";

    private final MongoTemplate mongo;

    MongoDeadlines(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("done", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC));
    }

    @Override
    public void schedule(Timer timer) {
        try {
            mongo.insert(new Document("_id", timer.id()).append("kind", timer.kind().name()).append("leadId", timer.leadId())
                    .append("assignmentId", timer.assignmentId()).append("partnerId", timer.partnerId())
                    .append("dueAt", Date.from(timer.dueAt())).append("leaseUntil", new Date(0)).append("owner", null).append("done", false),
                    COLLECTION);
        } catch (DuplicateKeyException alreadyScheduled) {
            // the same timer twice is one timer
        }
    }

    @Override
    public List<Timer> claimDue(Instant now, Duration lease, String owner, int limit) {
        Date at = Date.from(now);
        List<Document> due = mongo.find(Query.query(Criteria.where("done").is(false).and("dueAt").lte(at).and("leaseUntil").lte(at))
                .with(Sort.by("dueAt")).limit(limit), Document.class, COLLECTION);
        List<Timer> claimed = new ArrayList<>();
        for (Document candidate : due) {
            Document won = mongo.findAndModify(
                    Query.query(Criteria.where("_id").is(candidate.get("_id")).and("done").is(false).and("leaseUntil").lte(at)),
                    new Update().set("leaseUntil", Date.from(now.plus(lease))).set("owner", owner),
                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
            if (won != null && owner.equals(won.getString("owner"))) {
                claimed.add(new Timer(won.getString("_id"), Kind.valueOf(won.getString("kind")), won.get("leadId", UUID.class),
                        won.get("assignmentId", UUID.class), won.get("partnerId", UUID.class), won.getDate("dueAt").toInstant()));
            }
        }
        return claimed;
    }

    @Override
    public void done(String timerId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(timerId)), new Update().set("done", true), COLLECTION);
    }

    @Override
    public long open() {
        return mongo.count(Query.query(Criteria.where("done").is(false)), COLLECTION);
    }
}
