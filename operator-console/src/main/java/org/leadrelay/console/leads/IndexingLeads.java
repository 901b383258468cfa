package org.leadrelay.console.leads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.leadrelay.events.EventTypes;

/**
 * Keeps the search's index: a lead under its day, its country's day and its email when it is
 * received; under a partner's day when it is offered to that partner; under a state and the day it
 * was received whenever it enters that state (the search checks it is still there).
 */
public class IndexingLeads implements StoryListener {

    private final LeadIndex index;

    public IndexingLeads(LeadIndex index) {
        this.index = index;
    }

    @Override
    public void added(LeadStory before, LeadStory after, StoryEvent added) {
        if (after.state() != before.state() || before.events().isEmpty()) {
            Instant received = after.receivedAt() != null ? after.receivedAt() : added.time();
            index.add(LeadIndex.state(after.state(), LocalDate.ofInstant(received, ZoneOffset.UTC)), after.leadId(), received);
        }
        if (added.type().equals(EventTypes.LEAD_RECEIVED) && after.receivedAt() != null) {
            LocalDate day = LocalDate.ofInstant(after.receivedAt(), ZoneOffset.UTC);
            index.add(LeadIndex.day(day), after.leadId(), after.receivedAt());
            if (after.country() != null) {
                index.add(LeadIndex.country(after.country(), day), after.leadId(), after.receivedAt());
            }
            if (after.emailKey() != null) {
                index.add(LeadIndex.email(after.emailKey()), after.leadId(), after.receivedAt());
            }
        } else if ((added.type().equals(EventTypes.LEAD_ASSIGNED) || added.type().equals(EventTypes.LEAD_REASSIGNED))
                && after.partnerId() != null) {
            index.add(LeadIndex.partner(after.partnerId(), LocalDate.ofInstant(added.time(), ZoneOffset.UTC)), after.leadId(), added.time());
        }
    }
}
