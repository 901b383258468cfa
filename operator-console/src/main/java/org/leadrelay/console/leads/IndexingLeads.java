package org.leadrelay.console.leads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.leadrelay.events.EventTypes;

/**
 * Keeps the search's index: a lead under its day and its country's day when it is received (a
 * search by email asks lead-intake for the person's leads: the console holds no address); under a partner's day when it is offered to that partner; under a state and the day it
 * was received whenever it enters that state (the search checks it is still there). A batch's
 * entries are gathered by key first, so each key it touches is one write.
 */
public class IndexingLeads implements StoryListener {

    private final LeadIndex index;

    public IndexingLeads(LeadIndex index) {
        this.index = index;
    }

    @Override
    public void added(List<StoryChange> changes) {
        Map<String, List<LeadIndex.Entry>> byKey = new LinkedHashMap<>();
        for (StoryChange change : changes) {
            index(change, (key, entry) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry));
        }
        byKey.forEach(index::add);
    }

    private static void index(StoryChange change, BiConsumer<String, LeadIndex.Entry> add) {
        LeadStory before = change.before();
        LeadStory after = change.after();
        StoryEvent added = change.added();
        if (after.state() != before.state() || before.events().isEmpty()) {
            Instant received = after.receivedAt() != null ? after.receivedAt() : added.time();
            add.accept(LeadIndex.state(after.state(), LocalDate.ofInstant(received, ZoneOffset.UTC)), new LeadIndex.Entry(after.leadId(), received));
        }
        if (added.type().equals(EventTypes.LEAD_RECEIVED) && after.receivedAt() != null) {
            LocalDate day = LocalDate.ofInstant(after.receivedAt(), ZoneOffset.UTC);
            LeadIndex.Entry entry = new LeadIndex.Entry(after.leadId(), after.receivedAt());
            add.accept(LeadIndex.day(day), entry);
            if (after.country() != null) {
                add.accept(LeadIndex.country(after.country(), day), entry);
            }
        } else if ((added.type().equals(EventTypes.LEAD_ASSIGNED) || added.type().equals(EventTypes.LEAD_REASSIGNED))
                && after.partnerId() != null) {
            add.accept(LeadIndex.partner(after.partnerId(), LocalDate.ofInstant(added.time(), ZoneOffset.UTC)),
                    new LeadIndex.Entry(after.leadId(), added.time()));
        }
    }
}
