package org.leadrelay.events;

import java.util.UUID;

/** What happens to a lead's erasure, published on {@link Topics#ERASURES} keyed by leadId. */
public sealed interface ErasureEvent extends LeadRelayEvent permits LeadErased, LeadErasureCompleted {

    UUID leadId();

    @Override
    default String key() {
        return leadId().toString();
    }
}
