package org.leadrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * No partner can take the lead, or every partner tried declined or stayed silent: it goes to the
 * operators' queue.
 *
 * @param passedOverCounts how many partners each eligibility rule excluded, by rule name; absent in
 *                         older events
 * @param attempts         how many offers were made before it became unroutable; absent (0) in
 *                         older events
 */
public record LeadUnroutable(UUID leadId, String reason, List<PassedOver> passedOver, Instant decidedAt,
        Map<String, Integer> passedOverCounts, int attempts) implements AssignmentEvent {

    public LeadUnroutable {
        Require.present(leadId, "leadId");
        Require.text(reason, "reason");
        passedOver = Require.list(passedOver);
        Require.present(decidedAt, "decidedAt");
        passedOverCounts = passedOverCounts == null ? Map.of() : Map.copyOf(passedOverCounts);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public LeadUnroutable(UUID leadId, String reason, List<PassedOver> passedOver, Instant decidedAt) {
        this(leadId, reason, passedOver, decidedAt, null, 0);
    }
}
