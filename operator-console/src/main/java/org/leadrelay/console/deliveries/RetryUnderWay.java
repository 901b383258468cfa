package org.leadrelay.console.deliveries;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery that failed and will be tried again: its last failure, until a delivery or a final
 * failure of the same assignment and message on the same channel is heard of.
 *
 * @param message what the partner was to be told: {@code offer}, {@code acceptance} or {@code withdrawal}
 */
public record RetryUnderWay(UUID leadId, UUID assignmentId, String message, int attempt, String reason, Instant failedAt) {

    /** What identifies the delivery on its channel. */
    public String key() {
        return assignmentId + ":" + message;
    }
}
