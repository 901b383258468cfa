package org.leadrelay.console.partners.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.console.partners.FairnessLedger;
import org.leadrelay.console.partners.LedgerDay;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code fairness_days} collection: one document per day, keyed by the day, whose fields are
 * incremented in place: {@code leads}, {@code unledgered}, {@code unnamed}, and per partner
 * {@code expected.<partnerId>} and {@code received.<partnerId>}. A batch's offers are one update per
 * day, by the day's id, however many partners were eligible (at most 500 named in an event), and a window is
 * a handful of days read by id, projected to the partners of the page.
 */
@Repository
class MongoFairnessLedger implements FairnessLedger {

    static final String COLLECTION = "fairness_days";

    private final MongoTemplate mongo;

    MongoFairnessLedger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(Collection<LedgerDay> days) {
        for (LedgerDay day : days) {
            Update update = new Update();
            if (day.leads() != 0) {
                update.inc("leads", day.leads());
            }
            if (day.unledgered() != 0) {
                update.inc("unledgered", day.unledgered());
            }
            if (day.unnamed() > 0) {
                update.inc("unnamed", day.unnamed());
            }
            day.received().forEach((partner, count) -> update.inc("received." + partner, count));
            day.expected().forEach((partner, share) -> update.inc("expected." + partner, share));
            if (!update.getUpdateObject().isEmpty()) {
                mongo.upsert(Query.query(Criteria.where("_id").is(day.day().toString())), update, COLLECTION);
            }
        }
    }

    @Override
    public Window window(LocalDate from, LocalDate to, Collection<UUID> partnerIds) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day.toString());
        }
        Query query = Query.query(Criteria.where("_id").in(days));
        query.fields().include("leads").include("unledgered").include("unnamed");
        for (UUID partner : partnerIds) {
            query.fields().include("expected." + partner).include("received." + partner);
        }
        long leads = 0;
        long unledgered = 0;
        double unnamed = 0;
        Map<UUID, Double> expected = new HashMap<>();
        Map<UUID, Long> received = new HashMap<>();
        for (Document day : mongo.find(query, Document.class, COLLECTION)) {
            leads += number(day.get("leads")).longValue();
            unledgered += number(day.get("unledgered")).longValue();
            unnamed += number(day.get("unnamed")).doubleValue();
            Document dueShares = day.get("expected", Document.class);
            Document got = day.get("received", Document.class);
            for (UUID partner : partnerIds) {
                if (dueShares != null && dueShares.get(partner.toString()) != null) {
                    expected.merge(partner, number(dueShares.get(partner.toString())).doubleValue(), Double::sum);
                }
                if (got != null && got.get(partner.toString()) != null) {
                    received.merge(partner, number(got.get(partner.toString())).longValue(), Long::sum);
                }
            }
        }
        return new Window(leads, unledgered, expected, received, unnamed);
    }

    private static Number number(Object value) {
        return value instanceof Number number ? number : 0;
    }
}
