package org.leadrelay.events;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full current state of a partner, published on the compacted {@link Topics#PARTNERS} keyed by
 * partnerId; a null-value record (tombstone) means the partner was deleted. It never carries a
 * secret: webhook signing secrets are derived where they are needed (see {@link WebhookSecrets}).
 *
 * @param tier              one of {@code PLATINUM}, {@code GOLD}, {@code SILVER}, {@code REGISTERED};
 *                          consumers treat an unknown tier as the lowest
 * @param countries         ISO 3166-1 alpha-2 codes of the countries the partner covers
 * @param specialities      lower-case product and service names (for example {@code postgresql},
 *                          {@code migration})
 * @param languages         ISO 639-1 codes of the languages the partner serves customers in
 * @param capacity          how many open leads the partner takes at once
 * @param notificationEmail where lead emails go
 * @param webhookUrl        where signed webhooks go, optional
 * @param revision          increases with every change; consumers ignore a revision older than
 *                          the one they hold
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
        Instant updatedAt) implements LeadRelayEvent {

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
    }

    @Override
    public String key() {
        return partnerId.toString();
    }
}
