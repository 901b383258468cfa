package org.leadrelay.notification.partners;

import java.net.URI;
import java.util.UUID;
import org.leadrelay.events.PartnerUpserted;

/** Where a partner wants its leads: an email address and, optionally, a webhook. */
public record PartnerContact(UUID id, String name, String notificationEmail, URI webhookUrl, long revision) {

    public static PartnerContact from(PartnerUpserted event) {
        return new PartnerContact(event.partnerId(), event.name(), event.notificationEmail(), event.webhookUrl(), event.revision());
    }
}
