package org.leadrelay.events;

import java.time.Instant;

/** A period a partner is out of office and takes no new leads: from {@code from} (inclusive) to {@code until} (exclusive). */
public record Absence(Instant from, Instant until) {

    public Absence {
        Require.present(from, "outOfOffice.from");
        Require.present(until, "outOfOffice.until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("outOfOffice.from must be before until");
        }
    }

    public boolean covers(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }
}
