package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/** A partner was told of a lead on one channel. */
public record NotificationDelivered(
        UUID leadId, UUID assignmentId, UUID partnerId, Channel channel, int attempt, Instant deliveredAt)
        implements NotificationEvent {

    public NotificationDelivered {
        Require.present(leadId, "leadId");
        Require.present(assignmentId, "assignmentId");
        Require.present(partnerId, "partnerId");
        Require.present(channel, "channel");
        Require.positive(attempt, "attempt");
        Require.present(deliveredAt, "deliveredAt");
    }
}
