package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery attempt failed.
 *
 * @param reason   what went wrong, without personal data
 * @param retrying whether another attempt will follow
 * @param message  what the partner was to be told: {@code offer} (the default, and all older events),
 *                 {@code acceptance} or {@code withdrawal}
 */
public record NotificationFailed(
        UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, String reason,
        boolean retrying, Instant failedAt, String message) implements NotificationEvent {

    public NotificationFailed(UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, String reason,
            boolean retrying, Instant failedAt) {
        this(leadId, assignmentId, partnerId, channel, attempt, reason, retrying, failedAt, null);
    }

    public NotificationFailed {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(channel, "channel");
        Require.positive(attempt, "attempt");
        Require.text(reason, "reason");
        Require.present(failedAt, "failedAt");
        message = message == null ? NotificationEvent.OFFER : message;
    }
}
