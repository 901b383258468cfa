package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner was told of a lead on one channel.
 *
 * @param message what it was told: {@code offer} (the default, and all older events), {@code acceptance}
 *                (the customer's contact after it accepted) or {@code withdrawal} (the lead moved on)
 */
public record NotificationDelivered(
        UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, Instant deliveredAt, String message)
        implements NotificationEvent {

    public NotificationDelivered(UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, Instant deliveredAt) {
        this(leadId, assignmentId, partnerId, channel, attempt, deliveredAt, null);
    }

    public NotificationDelivered {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(channel, "channel");
        Require.positive(attempt, "attempt");
        Require.present(deliveredAt, "deliveredAt");
        message = message == null ? NotificationEvent.OFFER : message;
    }
}
