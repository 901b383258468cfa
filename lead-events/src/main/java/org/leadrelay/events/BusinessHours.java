package org.leadrelay.events;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/** The hours a partner works on the given days, in its own time zone ({@code opens} before {@code closes}). */
public record BusinessHours(List<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    public BusinessHours {
        days = Require.nonEmpty(days, "businessHours.days");
        Require.present(opens, "businessHours.opens");
        Require.present(closes, "businessHours.closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("businessHours.opens must be before closes");
        }
    }
}
