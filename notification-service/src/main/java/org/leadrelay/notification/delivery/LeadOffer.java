package org.leadrelay.notification.delivery;

import java.time.Instant;
import java.util.UUID;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.Score;

/** A lead offered to a partner, first or after a reassignment: what the partner is told. */
public record LeadOffer(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, int attempt, Score score,
        LeadBrief lead, Instant respondBy) {

    public static LeadOffer of(LeadAssigned assigned) {
        return new LeadOffer(assigned.leadId(), assigned.assignmentId(), assigned.partnerId(), assigned.partnerName(),
                assigned.attempt(), assigned.score(), assigned.lead(), assigned.respondBy());
    }

    public static LeadOffer of(LeadReassigned reassigned) {
        return new LeadOffer(reassigned.leadId(), reassigned.assignmentId(), reassigned.partnerId(), reassigned.partnerName(),
                reassigned.attempt(), reassigned.score(), reassigned.lead(), reassigned.respondBy());
    }
}
