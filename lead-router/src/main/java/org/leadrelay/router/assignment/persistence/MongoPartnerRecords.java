package org.leadrelay.router.assignment.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.router.assignment.PartnerRecords;
import org.leadrelay.router.assignment.RouterProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * A document per partner ({@code partner_records}): offers counted per day (for fairness) and the
 * latest answers (for responsiveness), both bounded, updated with atomic operators so instances
 * never overwrite each other.
 */
@Repository
class MongoPartnerRecords implements PartnerRecords {

    private static final String COLLECTION = "partner_records";
    private static final int KEPT_ANSWERS = 50;
    /** Days just past the fairness window dropped with each offer; a partner without offers for longer keeps a few stale days. */
    private static final int FORGOTTEN_DAYS_PER_OFFER = 7;

    private final MongoTemplate mongo;
    private final RouterProperties properties;

    MongoPartnerRecords(MongoTemplate mongo, RouterProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    public void offered(UUID partnerId, UUID assignmentId, Instant at) {
        Update update = new Update().inc("offersByDay." + day(at), 1);
        // days that left the fairness window go, so the record stays the size of the window however long the partner serves
        LocalDate windowStart = at.minus(properties.fairnessWindow()).atZone(ZoneOffset.UTC).toLocalDate();
        for (int daysBefore = 1; daysBefore <= FORGOTTEN_DAYS_PER_OFFER; daysBefore++) {
            update.unset("offersByDay." + windowStart.minusDays(daysBefore));
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(partnerId)), update, COLLECTION);
    }

    @Override
    public void answered(UUID partnerId, UUID assignmentId, boolean accepted, Duration took, Instant at) {
        Document answer = new Document("assignmentId", assignmentId).append("at", Date.from(at)).append("accepted", accepted)
                .append("seconds", took.toSeconds());
        Update update = new Update();
        update.push("answers").slice(-KEPT_ANSWERS).each(answer);
        mongo.upsert(Query.query(Criteria.where("_id").is(partnerId)), update, COLLECTION);
    }

    @Override
    public Map<UUID, Record> of(Collection<UUID> partnerIds, Instant now) {
        Map<UUID, Record> records = new HashMap<>();
        if (partnerIds.isEmpty()) {
            return records;
        }
        LocalDate windowStart = now.minus(properties.fairnessWindow()).atZone(ZoneOffset.UTC).toLocalDate();
        double halfLifeSeconds = Math.max(1, properties.responsivenessHalfLife().toSeconds());
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(partnerIds)), Document.class, COLLECTION)) {
            double recent = 0;
            Document days = document.get("offersByDay", Document.class);
            if (days != null) {
                for (Map.Entry<String, Object> day : days.entrySet()) {
                    if (!LocalDate.parse(day.getKey()).isBefore(windowStart)) {
                        recent += ((Number) day.getValue()).doubleValue();
                    }
                }
            }
            double offers = 0;
            double accepts = 0;
            List<Long> seconds = new ArrayList<>();
            for (Document answer : document.getList("answers", Document.class, List.of())) {
                double age = Math.max(0, Duration.between(answer.getDate("at").toInstant(), now).toSeconds());
                double weight = Math.pow(0.5, age / halfLifeSeconds);
                offers += weight;
                if (answer.getBoolean("accepted", false)) {
                    accepts += weight;
                }
                seconds.add(((Number) answer.get("seconds")).longValue());
            }
            Duration median = null;
            if (!seconds.isEmpty()) {
                seconds.sort(Long::compare);
                median = Duration.ofSeconds(seconds.get(seconds.size() / 2));
            }
            records.put(document.get("_id", UUID.class), new Record(offers, accepts, median, recent));
        }
        return records;
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
