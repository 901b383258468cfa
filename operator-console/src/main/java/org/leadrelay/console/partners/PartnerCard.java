package org.leadrelay.console.partners;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Absence;
import org.leadrelay.events.PartnerUpserted;

/**
 * What the console keeps of a partner from {@code partners.v1}: enough to watch it, nothing to
 * route with.
 *
 * @param weeklyCapacity new leads a week at most, null when unlimited
 * @param routingWeight  its own weight in routing, null when its tier's applies
 * @param absences       its out-of-office periods
 */
public record PartnerCard(UUID partnerId, String name, String tier, String status, String statusReason, int capacity,
        Integer weeklyCapacity, Double routingWeight, List<Absence> absences, long revision, Instant updatedAt) {

    public PartnerCard {
        absences = absences == null ? List.of() : List.copyOf(absences);
    }

    public static PartnerCard of(PartnerUpserted partner) {
        return new PartnerCard(partner.partnerId(), partner.name(), partner.tier(), partner.status(), partner.statusReason(),
                partner.capacity(), partner.weeklyCapacity(), partner.routingWeight(),
                partner.availability() == null ? List.of() : partner.availability().outOfOffice(), partner.revision(), partner.updatedAt());
    }

    public boolean outOfOfficeAt(Instant instant) {
        return absences.stream().anyMatch(absence -> absence.covers(instant));
    }

    /** Until when it is out of office at that instant, or null. */
    public Instant backAt(Instant instant) {
        return absences.stream().filter(absence -> absence.covers(instant)).map(Absence::until).max(Instant::compareTo).orElse(null);
    }

    public boolean takesLeads() {
        return PartnerUpserted.ACTIVE.equals(status);
    }
}
