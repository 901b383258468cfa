package org.leadrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead moved to another partner because the previous one declined, stayed silent past its
 * deadline, or an operator moved it.
 *
 * @param previousPartnerId the partner the lead was offered to before
 * @param reason            why it moved, for example {@code declined}, {@code expired},
 *                          {@code operator}
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
        Instant respondBy) implements AssignmentEvent {

    public LeadReassigned {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.text(partnerName, "partnerName");
        Require.present(previousPartnerId, "previousPartnerId");
        Require.text(reason, "reason");
        Require.positive(attempt, "attempt");
        Require.present(score, "score");
        fallbacks = Require.list(fallbacks);
        passedOver = Require.list(passedOver);
        Require.present(lead, "lead");
        Require.present(assignedAt, "assignedAt");
        Require.present(respondBy, "respondBy");
        if (!respondBy.isAfter(assignedAt)) {
            throw new IllegalArgumentException("respondBy must be after assignedAt");
        }
    }
}
