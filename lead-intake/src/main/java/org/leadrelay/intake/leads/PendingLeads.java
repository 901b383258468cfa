package org.leadrelay.intake.leads;

import java.time.Duration;
import java.time.Instant;

/**
 * The leads stored but not yet published, as the store has them now.
 *
 * @param count            how many
 * @param oldestReceivedAt when the oldest of them was received, null when there are none
 */
public record PendingLeads(long count, Instant oldestReceivedAt) {

    public static final PendingLeads NONE = new PendingLeads(0, null);

    /** How long the oldest has waited at {@code now}; zero when none waits. */
    public Duration oldestAge(Instant now) {
        return oldestReceivedAt == null || oldestReceivedAt.isAfter(now) ? Duration.ZERO : Duration.between(oldestReceivedAt, now);
    }
}
