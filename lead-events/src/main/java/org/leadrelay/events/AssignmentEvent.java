package org.leadrelay.events;

import java.util.UUID;

/** What happens to a lead's assignment, published on {@link Topics#ASSIGNMENTS}. */
public sealed interface AssignmentEvent extends LeadRelayEvent
        permits LeadAssigned, LeadReassigned, LeadUnroutable, LeadAssignmentExpired, LeadAccepted, LeadDeclined {

    UUID leadId();

    /**
     * The event with the lead's person erased from it: the contact replaced by
     * {@link Contact#ERASED}, the customer's own words dropped from the lead's brief. An event that
     * carries neither is itself.
     */
    default AssignmentEvent erased() {
        return this;
    }

    @Override
    default String key() {
        return leadId().toString();
    }
}
