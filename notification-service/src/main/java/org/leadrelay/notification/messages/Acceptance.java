package org.leadrelay.notification.messages;

import java.time.Instant;
import java.util.UUID;
import org.leadrelay.events.Contact;

/**
 * A partner accepted a lead: it gets the customer's contact details, and nobody else does.
 *
 * @param contact the customer's contact details, personal data; null when the event had none (an
 *                older event, or the lead was erased)
 * @param lead    what was asked and where, when this service delivered the offer; else null
 */
public record Acceptance(UUID leadId, UUID assignmentId, UUID partnerId, Instant acceptedAt, Contact contact, PartnerBrief lead) {
}
