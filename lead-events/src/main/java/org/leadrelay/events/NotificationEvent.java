package org.leadrelay.events;

import java.util.UUID;

/** The outcome of one delivery attempt to a partner, published on {@link Topics#NOTIFICATIONS}. */
public sealed interface NotificationEvent extends LeadRelayEvent permits NotificationDelivered, NotificationFailed {

    /** An offer of the lead, with its answer links. */
    String OFFER = "offer";
    /** The customer's contact details, to the partner that accepted. */
    String ACCEPTANCE = "acceptance";
    /** The lead moved on from this partner (declined elsewhere, expired or reassigned). */
    String WITHDRAWAL = "withdrawal";
    /** The customer behind the lead asked to be erased: the partner is asked to delete what it holds of them. */
    String ERASURE = "erasure";

    /** What the partner was told: {@link #OFFER}, {@link #ACCEPTANCE}, {@link #WITHDRAWAL} or {@link #ERASURE}. */
    String message();

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
