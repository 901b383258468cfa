package org.leadrelay.router.routing;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;

/**
 * The routing decision worked out partner by partner, as the rules and the score's components
 * state it: each rule asked of each partner in turn ({@link EligibilityPolicy#admits(RoutedLead,
 * RoutablePartner, Standing)}), each component's {@link ScoringCriterion#points} summed for each
 * eligible partner, each partner's routing weight read from the partner itself. The oracle that
 * {@link RoutingPolicy}'s only decision path, which works on the index's sets and columns for all
 * partners at once, is tested against (IndexedDecisionTest). Slow by design; test code only.
 *
 * <p>What both share is the decision's assembly once the facts are known (who failed which rule,
 * the points), {@code RoutingPolicy.decision}, so the oracle checks the facts, not the wording.
 */
final class RuleByRuleRouting {

    private final RoutingPolicy policy;
    private final List<EligibilityPolicy> rules;
    private final List<ScoringCriterion> criteria;

    RuleByRuleRouting(RoutingPolicy policy) {
        this.policy = policy;
        this.rules = policy.rules();
        this.criteria = policy.criteria();
    }

    RoutingDecision decide(LeadReceived lead, List<RoutablePartner> candidates, Map<UUID, Standing> standings, Map<UUID, String> tried,
            Instant now) {
        RoutedLead routed = RoutedLead.of(lead, tried, now);
        PartnerIndex index = PartnerIndex.of(candidates);
        int size = index.size();
        int[] ordinals = new int[size];
        byte[] failed = new byte[size];
        Standing[] standingOf = new Standing[size];
        int[] counts = new int[rules.size()];
        int[] eligibleAt = new int[size];
        int eligibleCount = 0;
        for (int ordinal = 0; ordinal < size; ordinal++) {
            ordinals[ordinal] = ordinal;
            RoutablePartner partner = index.partner(ordinal);
            int rule = -1;
            for (int r = 0; r < rules.size() && rule < 0; r++) {
                EligibilityPolicy each = rules.get(r);
                if (each.readsStanding() && standingOf[ordinal] == null) {
                    // read only for a partner every rule before it admitted, as the decision does
                    standingOf[ordinal] = standings.getOrDefault(partner.id(), Standing.NEW);
                }
                rule = each.admits(routed, partner, standingOf[ordinal]) ? -1 : r;
            }
            failed[ordinal] = (byte) rule;
            if (rule < 0) {
                eligibleAt[eligibleCount++] = ordinal;
            } else {
                counts[rule]++;
            }
        }
        if (eligibleCount == 0) {
            return policy.decision(routed, index, ordinals, failed, standingOf, counts, null, null, new double[0]);
        }
        double[] weightByNumber = new double[size];
        for (int ordinal = 0; ordinal < size; ordinal++) {
            weightByNumber[ordinal] = policy.weightOf(index.partner(ordinal));
        }
        Eligible eligible = policy.eligible(routed, index, ordinals, Arrays.copyOf(eligibleAt, eligibleCount), standingOf, weightByNumber);
        Pool pool = Pool.of(eligible);
        double[] totals = new double[eligibleCount];
        for (int i = 0; i < eligibleCount; i++) {
            Candidate candidate = eligible.candidate(i);
            for (ScoringCriterion criterion : criteria) {
                totals[i] += criterion.points(routed, candidate, pool);
            }
        }
        return policy.decision(routed, index, ordinals, failed, standingOf, counts, eligible, pool, totals);
    }
}
