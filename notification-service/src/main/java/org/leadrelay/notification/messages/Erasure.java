package org.leadrelay.notification.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The customer behind a lead asked to be erased, and this partner was told of the lead: it is
 * asked to delete what it holds of the person (GDPR Art. 17 and 19). Names no person: the lead and
 * the assignments are how the partner finds the data in its own systems.
 *
 * @param assignmentIds the offers of the lead this partner was told of, oldest first
 * @param accepted      whether the partner accepted the lead, so received the customer's contact details
 */
public record Erasure(UUID leadId, UUID partnerId, List<UUID> assignmentIds, boolean accepted, Instant erasedAt) {

    public Erasure {
        assignmentIds = List.copyOf(assignmentIds);
    }
}
