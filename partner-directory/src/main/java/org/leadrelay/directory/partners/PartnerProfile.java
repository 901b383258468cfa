package org.leadrelay.directory.partners;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.ServiceArea;

/**
 * What operators say about a partner, already validated and normalised (codes in their case,
 * terms in lower case, no duplicates).
 *
 * @param routingWeight        overrides the tier's routing weight when set
 * @param capacity             the most open leads at once
 * @param weeklyCapacity       the most new leads a week, optional
 * @param maxCapacity          how high the partner may raise {@code capacity} itself, optional
 *                             (without it the partner may only lower it)
 * @param maxWeeklyCapacity    the same for {@code weeklyCapacity}
 * @param answerDeadline       overrides the router's answer deadline, optional
 */
public record PartnerProfile(
        String name,
        String legalName,
        URI website,
        Tier tier,
        Double routingWeight,
        List<Expertise> expertise,
        List<String> countries,
        List<String> regions,
        List<ServiceArea> serviceAreas,
        List<String> remoteServices,
        List<String> languages,
        int capacity,
        Integer weeklyCapacity,
        Integer maxCapacity,
        Integer maxWeeklyCapacity,
        Availability availability,
        Duration answerDeadline,
        List<NotificationContact> contacts,
        URI webhookUrl,
        boolean webhookEnabled) {

    public PartnerProfile {
        expertise = List.copyOf(expertise);
        countries = List.copyOf(countries);
        regions = List.copyOf(regions);
        serviceAreas = List.copyOf(serviceAreas);
        remoteServices = List.copyOf(remoteServices);
        languages = List.copyOf(languages);
        contacts = List.copyOf(contacts);
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("a partner needs at least one notification contact");
        }
    }

    public PartnerProfile withCapacity(int changedCapacity, Integer changedWeeklyCapacity) {
        return new PartnerProfile(name, legalName, website, tier, routingWeight, expertise, countries, regions, serviceAreas,
                remoteServices, languages, changedCapacity, changedWeeklyCapacity, maxCapacity, maxWeeklyCapacity, availability,
                answerDeadline, contacts, webhookUrl, webhookEnabled);
    }

    public PartnerProfile withAvailability(Availability changed) {
        return new PartnerProfile(name, legalName, website, tier, routingWeight, expertise, countries, regions, serviceAreas,
                remoteServices, languages, capacity, weeklyCapacity, maxCapacity, maxWeeklyCapacity, changed, answerDeadline,
                contacts, webhookUrl, webhookEnabled);
    }
}
