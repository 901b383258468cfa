package org.leadrelay.events;

import java.util.UUID;

/** What happens to a lead's assignment, published on {@link Topics#ASSIGNMENTS}. */
public sealed interface AssignmentEvent extends LeadRelayEvent
        permits LeadAssigned, LeadReassigned, LeadUnroutable, LeadAssignmentExpired, LeadAccepted, LeadDeclined {

    UUID leadId();

    @Override
    default String key() {
        return leadId().toString();
    }
}
