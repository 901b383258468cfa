package org.leadrelay.router.assignment;

import java.util.UUID;
import org.leadrelay.events.AssignmentEvent;

/**
 * What the router decided for a lead, stored once per lead with the event it caused.
 *
 * @param eventId   the id of the event, so a redelivered lead republishes the same event
 * @param published whether the broker has acknowledged the event
 */
public record Routing(UUID leadId, UUID eventId, AssignmentEvent event, boolean published) {
}
