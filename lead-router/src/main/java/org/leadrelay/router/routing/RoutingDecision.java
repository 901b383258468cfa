package org.leadrelay.router.routing;

import java.util.List;
import java.util.Map;
import org.leadrelay.events.PassedOver;

/** The outcome of routing one lead: eligible partners in order with their explanation, or nobody and why. */
public sealed interface RoutingDecision {

    /** Some of the partners excluded and why (capped). */
    List<PassedOver> passedOver();

    /** How many partners each eligibility rule excluded, by rule name. */
    Map<String, Integer> passedOverCounts();

    /**
     * The eligible partners, best first. The router offers the lead to the first one whose capacity
     * it can still reserve; the ones after it are the fallbacks.
     */
    record Chosen(List<Ranked> ranked, List<PassedOver> passedOver, Map<String, Integer> passedOverCounts)
            implements RoutingDecision {

        public Chosen {
            if (ranked.isEmpty()) {
                throw new IllegalArgumentException("a chosen decision ranks at least one partner");
            }
            // a policy's own list is immutable and makes each entry when read; any other is copied
            ranked = ranked instanceof RankedList ? ranked : List.copyOf(ranked);
            passedOver = List.copyOf(passedOver);
            passedOverCounts = Map.copyOf(passedOverCounts);
        }
    }

    /** No partner can take the lead. */
    record Nobody(String reason, List<PassedOver> passedOver, Map<String, Integer> passedOverCounts) implements RoutingDecision {

        public Nobody {
            passedOver = List.copyOf(passedOver);
            passedOverCounts = Map.copyOf(passedOverCounts);
        }
    }
}
