package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/** The partner accepted the lead and may now see the customer's contact details. */
public record LeadAccepted(UUID leadId, UUID assignmentId, UUID partnerId, Instant acceptedAt) implements AssignmentEvent {

    public LeadAccepted {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(acceptedAt, "acceptedAt");
    }
}
