package org.leadrelay.console.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStory;
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
 * times per partner, and the fairness ledger's day. The stories call it once per new event, and
 * every count is one increment, so nothing is counted twice.
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
    public void added(LeadStory before, LeadStory after, StoryEvent added) {
        if (!added.type().startsWith("org.leadrelay.lead.") || EventTypes.LEAD_RECEIVED.equals(added.type())) {
            return;
        }
        LeadRelayEvent event = read(added);
        if (event instanceof LeadAssigned assigned) {
            offered(before, assigned.partnerId(), assigned.assignedAt(), assigned.expectedShares());
        } else if (event instanceof LeadReassigned reassigned) {
            offered(before, reassigned.partnerId(), reassigned.assignedAt(), reassigned.expectedShares());
        } else if (event instanceof LeadAccepted accepted) {
            statistics.settled(accepted.partnerId(), PartnerStatistics.Settled.ACCEPTED,
                    took(after, accepted.assignmentId(), accepted.acceptedAt()));
        } else if (event instanceof LeadDeclined declined) {
            statistics.settled(declined.partnerId(), PartnerStatistics.Settled.DECLINED,
                    took(after, declined.assignmentId(), declined.declinedAt()));
        } else if (event instanceof LeadAssignmentExpired expired) {
            statistics.settled(expired.partnerId(), PartnerStatistics.Settled.EXPIRED, null);
        }
    }

    private void offered(LeadStory before, UUID partnerId, Instant at, ExpectedShares shares) {
        if (before.state() == LeadState.OFFERED && before.partnerId() != null) {
            // the pending offer was taken back: an operator gave the lead to someone else
            statistics.withdrawn(before.partnerId());
        }
        statistics.offered(partnerId);
        ledger.offer(at.atZone(ZoneOffset.UTC).toLocalDate(), partnerId, shares);
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
