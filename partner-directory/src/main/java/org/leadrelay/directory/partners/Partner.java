package org.leadrelay.directory.partners;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.PartnerUpserted;

/**
 * A partner integrator as the directory keeps it. Its state on the partners topic is exactly
 * {@link #toEvent()}: the directory is the source of truth, everyone else keeps a copy.
 */
public record Partner(
        UUID id,
        String name,
        Tier tier,
        List<String> countries,
        List<String> specialities,
        List<String> languages,
        int capacity,
        String notificationEmail,
        URI webhookUrl,
        boolean active,
        long revision,
        Instant updatedAt) {

    public Partner {
        countries = List.copyOf(countries);
        specialities = List.copyOf(specialities);
        languages = List.copyOf(languages);
    }

    public PartnerUpserted toEvent() {
        return new PartnerUpserted(id, name, tier.name(), countries, specialities, languages, capacity,
                notificationEmail, webhookUrl, active, revision, updatedAt);
    }
}
