package org.leadrelay.router.responses.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.router.responses.Answer;
import org.leadrelay.router.responses.Answers;
import org.leadrelay.router.responses.RecordedAnswer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One document per offer, keyed by its assignmentId: the unique key makes the first answer the answer. */
@Repository
class MongoAnswers implements Answers {

    private static final String COLLECTION = "answers";

    private final MongoTemplate mongo;

    MongoAnswers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public RecordedAnswer recordFirst(RecordedAnswer answer) {
        try {
            mongo.insert(StoredAnswer.of(answer), COLLECTION);
            return answer;
        } catch (DuplicateKeyException answeredBefore) {
            return find(answer.assignmentId()).orElseThrow();
        }
    }

    @Override
    public Optional<RecordedAnswer> find(UUID assignmentId) {
        return Optional.ofNullable(mongo.findById(assignmentId, StoredAnswer.class, COLLECTION)).map(StoredAnswer::toAnswer);
    }

    @Override
    public void markPublished(RecordedAnswer answer) {
        mongo.updateFirst(Query.query(where("_id").is(answer.assignmentId())), Update.update("published", true), COLLECTION);
    }

    record StoredAnswer(@Id UUID id, UUID leadId, UUID partnerId, Answer answer, String reason, Instant answeredAt,
            boolean published) {

        static StoredAnswer of(RecordedAnswer answer) {
            return new StoredAnswer(answer.assignmentId(), answer.leadId(), answer.partnerId(), answer.answer(), answer.reason(),
                    answer.answeredAt(), answer.published());
        }

        RecordedAnswer toAnswer() {
            return new RecordedAnswer(id, leadId, partnerId, answer, reason, answeredAt, published);
        }
    }
}
