package org.leadrelay.events;

import java.util.List;
import java.util.UUID;

/**
 * A partner next in line for a lead, should the chosen one decline or stay silent.
 *
 * @param components how its score was made, as for the chosen partner; absent in older events
 */
public record Fallback(UUID partnerId, String partnerName, double score, List<ScoreComponent> components) {

    public Fallback {
        Require.present(partnerId, "fallbacks.partnerId");
        Require.text(partnerName, "fallbacks.partnerName");
        components = Require.list(components);
    }

    public Fallback(UUID partnerId, String partnerName, double score) {
        this(partnerId, partnerName, score, List.of());
    }
}
