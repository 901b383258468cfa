package org.leadrelay.notification.partners;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.SigningKey;

/**
 * Where a partner wants its leads: the people told by email (each with a language) and,
 * optionally, a webhook signed with the secret generations in use; the languages the partner works
 * in and its time zone, so emails are written in its language and deadlines read in its local time.
 * A copy kept before these fields existed reads with the event's defaults: its notification email
 * as the only contact, webhooks on when a URL is set, secret generation 1, no languages, UTC.
 *
 * @param notificationEmail the first of {@code contacts}
 * @param webhookEnabled    whether webhooks go to {@code webhookUrl}
 * @param signingKeys       the secret generations that sign now (see {@link SigningKey})
 * @param languages         ISO 639-1 codes of the languages the partner serves customers in, its preferred first
 * @param timeZone          the partner's IANA time zone ({@code availability.timeZone}), or null when not given
 */
public record PartnerContact(UUID id, String name, String notificationEmail, URI webhookUrl, long revision,
        List<NotificationContact> contacts, Boolean webhookEnabled, List<SigningKey> signingKeys, List<String> languages,
        String timeZone) {

    public PartnerContact {
        contacts = contacts == null || contacts.isEmpty()
                ? (notificationEmail == null ? List.of() : List.of(new NotificationContact(notificationEmail, null)))
                : List.copyOf(contacts);
        webhookEnabled = webhookEnabled == null ? webhookUrl != null : webhookEnabled;
        signingKeys = signingKeys == null || signingKeys.isEmpty() ? List.of(new SigningKey(1, null)) : List.copyOf(signingKeys);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public static PartnerContact from(PartnerUpserted event) {
        return new PartnerContact(event.partnerId(), event.name(), event.notificationEmail(), event.webhookUrl(), event.revision(),
                event.contacts(), event.webhookEnabled(), event.signingKeys(), event.languages(),
                event.availability() == null ? null : event.availability().timeZone());
    }

    /** Whether webhooks go out: an endpoint is set and enabled. */
    public boolean sendsWebhooks() {
        return webhookUrl != null && webhookEnabled;
    }

    /** The secret generations that sign a webhook sent at that instant: the current one, and the previous one during a rotation. */
    public List<Integer> signingGenerationsAt(Instant instant) {
        return signingKeys.stream().filter(key -> key.validAt(instant)).map(SigningKey::generation).toList();
    }

    /** The partner's time zone; UTC when it gave none or an unknown one. */
    public ZoneId zone() {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (java.time.DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
