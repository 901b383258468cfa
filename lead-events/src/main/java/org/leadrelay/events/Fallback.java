package org.leadrelay.events;

import java.util.UUID;

/** A partner next in line for a lead, should the chosen one decline or stay silent. */
public record Fallback(UUID partnerId, String partnerName, double score) {

    public Fallback {
        Require.present(partnerId, "fallbacks.partnerId");
        Require.text(partnerName, "fallbacks.partnerName");
    }
}
