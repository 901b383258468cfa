package org.leadrelay.notification.partners;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.SigningKey;

/**
 * Where a partner wants its leads: the people told by email (each with a language, for the
 * templates to come) and, optionally, a webhook signed with the secret generations in use. A copy
 * kept before these fields existed reads with the event's defaults: its notification email as the
 * only contact, webhooks on when a URL is set, secret generation 1.
 *
 * @param notificationEmail the first of {@code contacts}
 * @param webhookEnabled    whether webhooks go to {@code webhookUrl}
 * @param signingKeys       the secret generations that sign now (see {@link SigningKey})
 */
public record PartnerContact(UUID id, String name, String notificationEmail, URI webhookUrl, long revision,
        List<NotificationContact> contacts, Boolean webhookEnabled, List<SigningKey> signingKeys) {

    public PartnerContact {
        contacts = contacts == null || contacts.isEmpty()
                ? (notificationEmail == null ? List.of() : List.of(new NotificationContact(notificationEmail, null)))
                : List.copyOf(contacts);
        webhookEnabled = webhookEnabled == null ? webhookUrl != null : webhookEnabled;
        signingKeys = signingKeys == null || signingKeys.isEmpty() ? List.of(new SigningKey(1, null)) : List.copyOf(signingKeys);
    }

    public static PartnerContact from(PartnerUpserted event) {
        return new PartnerContact(event.partnerId(), event.name(), event.notificationEmail(), event.webhookUrl(), event.revision(),
                event.contacts(), event.webhookEnabled(), event.signingKeys());
    }

    /** Whether webhooks go out: an endpoint is set and enabled. */
    public boolean sendsWebhooks() {
        return webhookUrl != null && webhookEnabled;
    }

    /** The secret generations that sign a webhook sent at that instant: the current one, and the previous one during a rotation. */
    public List<Integer> signingGenerationsAt(Instant instant) {
        return signingKeys.stream().filter(key -> key.validAt(instant)).map(SigningKey::generation).toList();
    }
}
