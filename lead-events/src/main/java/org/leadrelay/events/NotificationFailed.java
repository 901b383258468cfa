package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery attempt failed.
 *
 * @param reason   what went wrong, without personal data
 * @param retrying whether another attempt will follow
 */
public record NotificationFailed(
        UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, String reason,
        boolean retrying, Instant failedAt) implements NotificationEvent {

    public NotificationFailed {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(channel, "channel");
        Require.positive(attempt, "attempt");
        Require.text(reason, "reason");
        Require.present(failedAt, "failedAt");
    }
}
