package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The partner accepted the lead and may now see the customer's contact details.
 *
 * @param contact the customer's contact details, for the accepting partner only; personal data.
 *                Absent in events from before it was added, and once the lead was erased.
 */
public record LeadAccepted(UUID leadId, UUID assignmentId, UUID partnerId, Instant acceptedAt, Contact contact)
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

    /** The acceptance without the contact, as it stands once the lead was erased. */
    @Override
    public LeadAccepted erased() {
        return contact == null ? this : new LeadAccepted(leadId, assignmentId, partnerId, acceptedAt, null);
    }
}
