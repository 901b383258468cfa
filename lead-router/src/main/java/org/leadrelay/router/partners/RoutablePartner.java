package org.leadrelay.router.partners;

import java.util.List;
import java.util.UUID;
import org.leadrelay.events.PartnerUpserted;

/** What the router needs to know of a partner to route leads to it. */
public record RoutablePartner(
        UUID id,
        String name,
        String tier,
        List<String> countries,
        List<String> specialities,
        List<String> languages,
        int capacity,
        boolean active,
        long revision) {

    public RoutablePartner {
        countries = List.copyOf(countries);
        specialities = List.copyOf(specialities);
        languages = List.copyOf(languages);
    }

    public static RoutablePartner from(PartnerUpserted event) {
        return new RoutablePartner(event.partnerId(), event.name(), event.tier(), event.countries(), event.specialities(),
                event.languages(), event.capacity(), event.active(), event.revision());
    }
}
