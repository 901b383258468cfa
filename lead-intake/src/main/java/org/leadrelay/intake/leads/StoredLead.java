package org.leadrelay.intake.leads;

import java.util.UUID;
import org.leadrelay.events.LeadReceived;

/**
 * A lead as intake keeps it: the lead itself and where it stands. The document records whether its
 * LeadReceived has reached the broker, so a relay can publish whatever is still pending, after a
 * broker outage or a crash, without a second document to keep in step.
 *
 * @param duplicateOf the first lead this one repeats, when it is a duplicate (never published)
 */
public record StoredLead(LeadReceived lead, IntakeStatus status, UUID duplicateOf) {

    public UUID leadId() {
        return lead.leadId();
    }

    public static StoredLead received(LeadReceived lead) {
        return new StoredLead(lead, IntakeStatus.RECEIVED, null);
    }

    public static StoredLead duplicate(LeadReceived lead, UUID first) {
        return new StoredLead(lead, IntakeStatus.DUPLICATE, first);
    }
}
