package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The partner accepted the lead and may now see the customer's contact details.
 *
 * @param personal the lead's personal data, sealed (ADR 0012): the notification service opens it to
 *                 give the accepting partner the customer's contact details. Absent in a service's
 *                 copy once the lead was erased.
 */
public record LeadAccepted(UUID leadId, UUID assignmentId, UUID partnerId, Instant acceptedAt, Sealed personal)
        implements AssignmentEvent {

    public LeadAccepted {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(acceptedAt, "acceptedAt");
    }

    public LeadAccepted(UUID leadId, UUID assignmentId, UUID partnerId, Instant acceptedAt) {
        this(leadId, assignmentId, partnerId, acceptedAt, null);
    }

    /** The acceptance without the personal data, as a service keeps it once the lead was erased. */
    @Override
    public LeadAccepted erased() {
        return personal == null ? this : new LeadAccepted(leadId, assignmentId, partnerId, acceptedAt, null);
    }
}
