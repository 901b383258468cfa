package org.leadrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead moved to another partner because the previous one declined, stayed silent past its
 * deadline, or an operator moved it.
 *
 * @param previousPartnerId the partner the lead was offered to before; null when it had none (an
 *                          operator assigning a lead nobody could take)
 * @param reason            why it moved, for example {@code declined}, {@code expired},
 *                          {@code operator}
 * @param passedOverCounts  how many partners each eligibility rule excluded, by rule name; absent
 *                          in older events
 * @param expectedShares    each eligible partner's share of this lead by routing weight; absent
 *                          (null) in older events and when an operator assigned the lead by hand
 */
public record LeadReassigned(
        UUID leadId,
        UUID assignmentId,
        UUID partnerId,
        String partnerName,
        UUID previousPartnerId,
        String reason,
        int attempt,
        Score score,
        List<Fallback> fallbacks,
        List<PassedOver> passedOver,
        LeadBrief lead,
        Instant assignedAt,
        Instant respondBy,
        Map<String, Integer> passedOverCounts,
        ExpectedShares expectedShares) implements AssignmentEvent {

    public LeadReassigned {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.text(partnerName, "partnerName");
        Require.text(reason, "reason");
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

    public LeadReassigned(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, UUID previousPartnerId,
            String reason, int attempt, Score score, List<Fallback> fallbacks, List<PassedOver> passedOver, LeadBrief lead,
            Instant assignedAt, Instant respondBy) {
        this(leadId, assignmentId, partnerId, partnerName, previousPartnerId, reason, attempt, score, fallbacks, passedOver, lead,
                assignedAt, respondBy, null);
    }

    public LeadReassigned(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, UUID previousPartnerId,
            String reason, int attempt, Score score, List<Fallback> fallbacks, List<PassedOver> passedOver, LeadBrief lead,
            Instant assignedAt, Instant respondBy, Map<String, Integer> passedOverCounts) {
        this(leadId, assignmentId, partnerId, partnerName, previousPartnerId, reason, attempt, score, fallbacks, passedOver, lead,
                assignedAt, respondBy, passedOverCounts, null);
    }

    @Override
    public LeadReassigned erased() {
        return new LeadReassigned(leadId, assignmentId, partnerId, partnerName, previousPartnerId, reason, attempt, score, fallbacks,
                passedOver, lead.erased(), assignedAt, respondBy, passedOverCounts, expectedShares);
    }
}
