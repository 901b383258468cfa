package org.leadrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead was offered to a partner for the first time. Carries the score breakdown, the next-best
 * fallbacks and why other partners were passed over, so every decision is explained.
 *
 * @param assignmentId identifies this offer; answers and notifications refer to it
 * @param attempt      1 for the first offer of the lead
 * @param lead         what the partner may know of the lead before accepting
 * @param respondBy    the partner's deadline to accept or decline
 * @param passedOverCounts how many partners each eligibility rule excluded, by rule name, while
 *                     {@code passedOver} names at most a few of them; absent in older events
 * @param expectedShares each eligible partner's share of this lead by routing weight, what the
 *                     fairness ledger sums; absent (null) in older events and in hand assignments
 */
public record LeadAssigned(
        UUID leadId,
        UUID assignmentId,
        UUID partnerId,
        String partnerName,
        int attempt,
        Score score,
        List<Fallback> fallbacks,
        List<PassedOver> passedOver,
        LeadBrief lead,
        Instant assignedAt,
        Instant respondBy,
        Map<String, Integer> passedOverCounts,
        ExpectedShares expectedShares) implements AssignmentEvent {

    public LeadAssigned {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.text(partnerName, "partnerName");
        Require.positive(attempt, "attempt");
        Require.present(score, "score");
        fallbacks = Require.list(fallbacks);
        passedOver = Require.list(passedOver);
        passedOverCounts = passedOverCounts == null ? Map.of() : Map.copyOf(passedOverCounts);
        Require.present(lead, "lead");
        Require.present(assignedAt, "assignedAt");
        Require.present(respondBy, "respondBy");
        if (!respondBy.isAfter(assignedAt)) {
            throw new IllegalArgumentException("respondBy must be after assignedAt");
        }
    }

    public LeadAssigned(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, int attempt, Score score,
            List<Fallback> fallbacks, List<PassedOver> passedOver, LeadBrief lead, Instant assignedAt, Instant respondBy) {
        this(leadId, assignmentId, partnerId, partnerName, attempt, score, fallbacks, passedOver, lead, assignedAt, respondBy, null);
    }

    public LeadAssigned(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, int attempt, Score score,
            List<Fallback> fallbacks, List<PassedOver> passedOver, LeadBrief lead, Instant assignedAt, Instant respondBy,
            Map<String, Integer> passedOverCounts) {
        this(leadId, assignmentId, partnerId, partnerName, attempt, score, fallbacks, passedOver, lead, assignedAt, respondBy,
                passedOverCounts, null);
    }

    @Override
    public LeadAssigned erased() {
        return new LeadAssigned(leadId, assignmentId, partnerId, partnerName, attempt, score, fallbacks, passedOver, lead.erased(), assignedAt,
                respondBy, passedOverCounts, expectedShares);
    }
}
