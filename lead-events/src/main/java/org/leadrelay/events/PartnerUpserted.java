package org.leadrelay.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full current state of a partner, published on the compacted {@link Topics#PARTNERS} keyed by
 * partnerId; a null-value record (tombstone) means the partner was deleted. It never carries a
 * secret: webhook signing secrets are derived where they are needed (see {@link WebhookSecrets}).
 * The fields after {@code updatedAt} were added to version 1 later; they are optional, and a
 * consumer reading an older record gets the defaults the short constructor gives.
 *
 * @param tier              one of {@code PLATINUM}, {@code GOLD}, {@code SILVER}, {@code REGISTERED};
 *                          consumers treat an unknown tier as the lowest
 * @param countries         ISO 3166-1 alpha-2 codes of the countries the partner covers
 * @param specialities      every term of {@code expertise}, lower case (for example {@code postgresql},
 *                          {@code migration})
 * @param languages         ISO 639-1 codes of the languages the partner serves customers in
 * @param capacity          how many open leads the partner takes at once
 * @param notificationEmail the first of {@code contacts}
 * @param webhookUrl        where signed webhooks go, optional
 * @param active            whether the partner takes leads now: {@code status} is {@code ACTIVE}
 * @param revision          increases with every change; consumers ignore a revision older than
 *                          the one they hold
 * @param status            {@code ONBOARDING}, {@code ACTIVE}, {@code PAUSED} or {@code SUSPENDED}
 * @param statusReason      why the status was set, optional
 * @param routingWeight     the partner's weight in routing (its tier's, or an operator's override)
 * @param expertise         what the partner is good at, by kind and level
 * @param regions           ISO 3166-2 codes of regions covered in countries not covered whole
 * @param serviceAreas      offices with a radius
 * @param remoteServices    services the partner delivers remotely, wherever the customer is
 * @param weeklyCapacity    how many new leads a week at most, optional
 * @param availability      time zone, business hours and out-of-office periods, optional
 * @param answerDeadline    how long the partner has to answer an offer, when not the default
 * @param contacts          who is told about leads, and in which language
 * @param webhookEnabled    whether webhooks are sent to {@code webhookUrl}
 * @param signingKeys       the secret generations that sign webhooks now: the current one, and
 *                          during a rotation the previous one until its end
 * @param legalName         the registered company name, optional
 * @param website           the partner's public site, optional
 */
public record PartnerUpserted(
        UUID partnerId,
        String name,
        String tier,
        List<String> countries,
        List<String> specialities,
        List<String> languages,
        int capacity,
        String notificationEmail,
        URI webhookUrl,
        boolean active,
        long revision,
        Instant updatedAt,
        String status,
        String statusReason,
        Double routingWeight,
        List<Expertise> expertise,
        List<String> regions,
        List<ServiceArea> serviceAreas,
        List<String> remoteServices,
        Integer weeklyCapacity,
        Availability availability,
        Duration answerDeadline,
        List<NotificationContact> contacts,
        Boolean webhookEnabled,
        List<SigningKey> signingKeys,
        String legalName,
        URI website) implements LeadRelayEvent {

    public static final String ACTIVE = "ACTIVE";

    public PartnerUpserted {
        Require.present(partnerId, "partnerId");
        Require.text(name, "name");
        Require.text(tier, "tier");
        countries = Require.nonEmpty(countries, "countries");
        countries.forEach(country -> Require.countryCode(country, "countries"));
        specialities = Require.nonEmpty(specialities, "specialities");
        languages = Require.list(languages);
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        Require.text(notificationEmail, "notificationEmail");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1");
        }
        Require.present(updatedAt, "updatedAt");
        status = status == null ? (active ? ACTIVE : "PAUSED") : status;
        expertise = Require.list(expertise);
        regions = Require.list(regions);
        serviceAreas = Require.list(serviceAreas);
        remoteServices = Require.list(remoteServices);
        contacts = contacts == null || contacts.isEmpty() ? List.of(new NotificationContact(notificationEmail, null)) : List.copyOf(contacts);
        webhookEnabled = webhookEnabled == null ? webhookUrl != null : webhookEnabled;
        signingKeys = signingKeys == null || signingKeys.isEmpty() ? List.of(new SigningKey(1, null)) : List.copyOf(signingKeys);
        if (weeklyCapacity != null && weeklyCapacity < 0) {
            throw new IllegalArgumentException("weeklyCapacity must not be negative");
        }
        if (answerDeadline != null && (answerDeadline.isNegative() || answerDeadline.isZero())) {
            throw new IllegalArgumentException("answerDeadline must be positive");
        }
    }

    /** A partner as the first version of the event described it; the later fields take their defaults. */
    public PartnerUpserted(UUID partnerId, String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages, int capacity, String notificationEmail, URI webhookUrl, boolean active, long revision,
            Instant updatedAt) {
        this(partnerId, name, tier, countries, specialities, languages, capacity, notificationEmail, webhookUrl, active,
                revision, updatedAt, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether webhooks go out: an endpoint is set and enabled. */
    public boolean sendsWebhooks() {
        return webhookUrl != null && webhookEnabled;
    }

    @Override
    public String key() {
        return partnerId.toString();
    }
}
