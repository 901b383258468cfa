package org.leadrelay.router.routing;

import java.util.List;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.router.partners.RoutablePartner;

/** The outcome of routing one lead: a chosen partner with its explanation, or nobody and why. */
public sealed interface RoutingDecision {

    List<PassedOver> passedOver();

    /** The partner to offer the lead to, the next best in line, and those passed over. */
    record Chosen(RoutablePartner partner, Score score, List<Fallback> fallbacks, List<PassedOver> passedOver)
            implements RoutingDecision {
    }

    /** No partner can take the lead. */
    record Nobody(String reason, List<PassedOver> passedOver) implements RoutingDecision {
    }
}
