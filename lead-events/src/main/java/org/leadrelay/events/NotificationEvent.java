package org.leadrelay.events;

import java.util.UUID;

/** The outcome of one delivery attempt to a partner, published on {@link Topics#NOTIFICATIONS}. */
public sealed interface NotificationEvent extends LeadRelayEvent permits NotificationDelivered, NotificationFailed {

    UUID leadId();

    UUID assignmentId();

    UUID partnerId();

    Channel channel();

    int attempt();

    @Override
    default String key() {
        return leadId().toString();
    }
}
