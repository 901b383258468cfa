package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/** The partner declined the lead, optionally saying why. */
public record LeadDeclined(UUID leadId, UUID assignmentId, UUID partnerId, String reason, Instant declinedAt)
        implements AssignmentEvent {

    public LeadDeclined {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(declinedAt, "declinedAt");
    }
}
