package org.leadrelay.events;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * When a partner works: its time zone, its business hours (none means around the clock) and its
 * out-of-office periods.
 *
 * @param timeZone    an IANA time zone id ({@code Europe/Paris})
 */
public record Availability(String timeZone, List<BusinessHours> businessHours, List<Absence> outOfOffice) {

    public Availability {
        Require.text(timeZone, "availability.timeZone");
        businessHours = Require.list(businessHours);
        outOfOffice = Require.list(outOfOffice);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Whether the partner is out of office at that instant. */
    public boolean absentAt(Instant instant) {
        return outOfOffice.stream().anyMatch(absence -> absence.covers(instant));
    }
}
