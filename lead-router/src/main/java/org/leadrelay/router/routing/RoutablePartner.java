package org.leadrelay.router.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.ServiceArea;

/**
 * What the router needs to know of a partner to route leads to it: the routing-relevant part of
 * {@link PartnerUpserted}, field for field (see it for their meaning).
 *
 * @param active         whether the partner takes leads, as the first version of the event said;
 *                       {@code status} decides, this only fills a status missing from an older copy
 * @param routingWeight  the partner's weight in routing, null when the directory gave none
 * @param weeklyCapacity how many new leads a week at most, null for no weekly cap
 * @param availability   time zone, business hours and out-of-office periods, null when unknown
 * @param answerDeadline the partner's own deadline to answer an offer, null for the default
 */
public record RoutablePartner(
        UUID id,
        String name,
        String tier,
        List<String> countries,
        List<String> specialities,
        List<String> languages,
        int capacity,
        boolean active,
        long revision,
        String status,
        Double routingWeight,
        List<Expertise> expertise,
        List<String> regions,
        List<ServiceArea> serviceAreas,
        List<String> remoteServices,
        Integer weeklyCapacity,
        Availability availability,
        Duration answerDeadline) {

    public RoutablePartner {
        countries = List.copyOf(countries);
        specialities = List.copyOf(specialities);
        languages = List.copyOf(languages);
        status = status == null ? (active ? PartnerUpserted.ACTIVE : "PAUSED") : status;
        expertise = expertise == null ? List.of() : List.copyOf(expertise);
        regions = regions == null ? List.of() : List.copyOf(regions);
        serviceAreas = serviceAreas == null ? List.of() : List.copyOf(serviceAreas);
        remoteServices = remoteServices == null ? List.of() : List.copyOf(remoteServices);
    }

    public static RoutablePartner from(PartnerUpserted event) {
        return new RoutablePartner(event.partnerId(), event.name(), event.tier(), event.countries(), event.specialities(),
                event.languages(), event.capacity(), event.active(), event.revision(), event.status(),
                event.routingWeight(), event.expertise(), event.regions(), event.serviceAreas(), event.remoteServices(),
                event.weeklyCapacity(), event.availability(), event.answerDeadline());
    }

    /** Whether the partner takes leads at all: its status is {@code ACTIVE}. */
    public boolean takesLeads() {
        return PartnerUpserted.ACTIVE.equals(status);
    }

    /** Whether the partner is out of office at that instant. */
    public boolean absentAt(Instant instant) {
        return availability != null && availability.absentAt(instant);
    }
}
