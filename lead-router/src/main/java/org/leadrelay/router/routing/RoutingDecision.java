package org.leadrelay.router.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.PassedOver;

/** The outcome of routing one lead: eligible partners in order with their explanation, or nobody and why. */
public sealed interface RoutingDecision {

    /** Some of the partners excluded and why (capped). */
    List<PassedOver> passedOver();

    /** How many partners each eligibility rule excluded, by rule name. */
    Map<String, Integer> passedOverCounts();

    /**
     * The eligible partners, best first. The router offers the lead to the first one whose capacity
     * it can still reserve; the ones after it are the fallbacks. {@code shares} gives each eligible
     * partner's share of the lead by routing weight (null when unknown), worked out when first asked
     * for.
     */
    record Chosen(List<Ranked> ranked, List<PassedOver> passedOver, Map<String, Integer> passedOverCounts,
            Supplier<ExpectedShares> shares) implements RoutingDecision {

        public Chosen(List<Ranked> ranked, List<PassedOver> passedOver, Map<String, Integer> passedOverCounts) {
            this(ranked, passedOver, passedOverCounts, () -> null);
        }

        public Chosen {
            if (ranked.isEmpty()) {
                throw new IllegalArgumentException("a chosen decision ranks at least one partner");
            }
            // a policy's own list is immutable and makes each entry when read; any other is copied
            ranked = ranked instanceof RankedList ? ranked : List.copyOf(ranked);
            passedOver = List.copyOf(passedOver);
            passedOverCounts = Map.copyOf(passedOverCounts);
            shares = shares == null ? () -> null : shares;
        }

        /**
         * Each eligible partner's share of the lead, its routing weight over the pool's total as the
         * fairness criterion counts it: the largest {@value ExpectedShares#MOST} named, the rest summed.
         */
        public ExpectedShares expectedShares() {
            return shares.get();
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
