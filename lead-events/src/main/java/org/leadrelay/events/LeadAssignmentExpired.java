package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/** The partner did not answer before its deadline; the lead moves on. */
public record LeadAssignmentExpired(UUID leadId, UUID assignmentId, UUID partnerId, Instant respondBy, Instant expiredAt)
        implements AssignmentEvent {

    public LeadAssignmentExpired {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(respondBy, "respondBy");
        Require.present(expiredAt, "expiredAt");
    }
}
