package org.leadrelay.console.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryChange;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.leads.StoryListener;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadRelayEvent;

/**
 * Counts, from each new assignment event, what the partners page shows: offers, answers and their
 * times per partner, and the fairness ledger's day. The stories tell it of each new event once, so
 * nothing is counted twice; a batch's counts are added up first, one write per partner and per day.
 */
public class CountingOffers implements StoryListener {

    private final PartnerStatistics statistics;
    private final FairnessLedger ledger;
    private final EventCodec codec;

    public CountingOffers(PartnerStatistics statistics, FairnessLedger ledger, EventCodec codec) {
        this.statistics = statistics;
        this.ledger = ledger;
        this.codec = codec;
    }

    @Override
    public void added(List<StoryChange> changes) {
        Map<UUID, PartnerTally> tallies = new LinkedHashMap<>();
        Map<LocalDate, LedgerDay> days = new TreeMap<>();
        for (StoryChange change : changes) {
            count(change, partner -> tallies.computeIfAbsent(partner, PartnerTally::new), day -> days.computeIfAbsent(day, LedgerDay::new));
        }
        if (!tallies.isEmpty()) {
            statistics.add(tallies.values());
        }
        if (!days.isEmpty()) {
            ledger.add(days.values());
        }
    }

    private void count(StoryChange change, Function<UUID, PartnerTally> partner, Function<LocalDate, LedgerDay> day) {
        StoryEvent added = change.added();
        if (!added.type().startsWith("org.leadrelay.lead.") || EventTypes.LEAD_RECEIVED.equals(added.type())) {
            return;
        }
        LeadStory before = change.before();
        LeadStory after = change.after();
        LeadRelayEvent event = read(added);
        if (event instanceof LeadAssigned assigned) {
            offered(before, assigned.partnerId(), assigned.assignedAt(), assigned.expectedShares(), partner, day);
        } else if (event instanceof LeadReassigned reassigned) {
            offered(before, reassigned.partnerId(), reassigned.assignedAt(), reassigned.expectedShares(), partner, day);
        } else if (event instanceof LeadAccepted accepted) {
            partner.apply(accepted.partnerId()).settled(PartnerStatistics.Settled.ACCEPTED, took(after, accepted.assignmentId(), accepted.acceptedAt()));
        } else if (event instanceof LeadDeclined declined) {
            partner.apply(declined.partnerId()).settled(PartnerStatistics.Settled.DECLINED, took(after, declined.assignmentId(), declined.declinedAt()));
        } else if (event instanceof LeadAssignmentExpired expired) {
            partner.apply(expired.partnerId()).settled(PartnerStatistics.Settled.EXPIRED, null);
        }
    }

    private static void offered(LeadStory before, UUID partnerId, Instant at, ExpectedShares shares, Function<UUID, PartnerTally> partner,
            Function<LocalDate, LedgerDay> day) {
        if (before.state() == LeadState.OFFERED && before.partnerId() != null) {
            // the pending offer was taken back: an operator gave the lead to someone else
            partner.apply(before.partnerId()).offerWithdrawn();
        }
        partner.apply(partnerId).offered();
        day.apply(at.atZone(ZoneOffset.UTC).toLocalDate()).offer(partnerId, shares);
    }

    /** From the offer to the answer, when the offer is in the story. */
    private Duration took(LeadStory story, UUID assignmentId, Instant answeredAt) {
        for (StoryEvent stored : story.events()) {
            if (EventTypes.LEAD_ASSIGNED.equals(stored.type()) || EventTypes.LEAD_REASSIGNED.equals(stored.type())) {
                LeadRelayEvent offer = read(stored);
                if (offer instanceof LeadAssigned assigned && assigned.assignmentId().equals(assignmentId)) {
                    return nonNegative(Duration.between(assigned.assignedAt(), answeredAt));
                }
                if (offer instanceof LeadReassigned reassigned && reassigned.assignmentId().equals(assignmentId)) {
                    return nonNegative(Duration.between(reassigned.assignedAt(), answeredAt));
                }
            }
        }
        return null;
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private LeadRelayEvent read(StoryEvent stored) {
        return codec.read(stored.type(), stored.json().getBytes(StandardCharsets.UTF_8));
    }
}
