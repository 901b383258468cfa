package org.leadrelay.router.assignment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leadrelay.events.Availability;
import org.leadrelay.events.BusinessHours;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.router.routing.RoutablePartner;

/**
 * When a partner must have answered an offer: its own deadline if the directory gives one, else the
 * deadline for its tier (shorter for high-priority leads), counted in the partner's business hours
 * in its time zone when it has set them, so a lead offered on Friday evening is not lost by Monday
 * morning.
 */
public final class AnswerDeadlines {

    private static final int LONGEST_SEARCH_DAYS = 400;

    private final RouterProperties properties;

    public AnswerDeadlines(RouterProperties properties) {
        this.properties = properties;
    }

    public Instant respondBy(LeadReceived lead, RoutablePartner partner, Instant offeredAt) {
        Duration allowed = allowed(lead, partner);
        Availability availability = partner.availability();
        if (!properties.deadlines().businessHours() || availability == null || availability.businessHours().isEmpty()) {
            return offeredAt.plus(allowed);
        }
        return addBusinessTime(offeredAt, allowed, availability);
    }

    Duration allowed(LeadReceived lead, RoutablePartner partner) {
        if (partner.answerDeadline() != null) {
            return partner.answerDeadline();
        }
        RouterProperties.Deadlines deadlines = properties.deadlines();
        boolean highPriority = lead.employees() != null && lead.employees() >= deadlines.highPriorityFromEmployees();
        Duration tierDeadline = deadlines.byTier().getOrDefault(partner.tier(), properties.responseTime());
        if (highPriority) {
            return deadlines.highPriority().getOrDefault(partner.tier(), tierDeadline);
        }
        return tierDeadline;
    }

    /** {@code start} plus {@code work} of the partner's business hours, in its time zone. */
    static Instant addBusinessTime(Instant start, Duration work, Availability availability) {
        ZonedDateTime cursor = start.atZone(availability.zone());
        Duration left = work;
        for (int day = 0; day < LONGEST_SEARCH_DAYS; day++) {
            LocalDate date = cursor.toLocalDate().plusDays(day == 0 ? 0 : 0);
            for (Window window : windows(date.getDayOfWeek(), availability.businessHours())) {
                ZonedDateTime opens = date.atTime(window.opens()).atZone(availability.zone());
                ZonedDateTime closes = date.atTime(window.closes()).atZone(availability.zone());
                ZonedDateTime from = cursor.isAfter(opens) ? cursor : opens;
                if (!from.isBefore(closes)) {
                    continue;
                }
                Duration open = Duration.between(from, closes);
                if (open.compareTo(left) >= 0) {
                    return from.plus(left).toInstant();
                }
                left = left.minus(open);
                cursor = closes;
            }
            cursor = date.plusDays(1).atStartOfDay(availability.zone());
        }
        return start.plus(work); // business hours that never open: fall back to the wall clock
    }

    private static List<Window> windows(DayOfWeek day, List<BusinessHours> hours) {
        List<Window> windows = new ArrayList<>();
        for (BusinessHours block : hours) {
            if (block.days().contains(day)) {
                windows.add(new Window(block.opens(), block.closes()));
            }
        }
        windows.sort(Comparator.comparing(Window::opens));
        return windows;
    }

    private record Window(LocalTime opens, LocalTime closes) {
    }
}
