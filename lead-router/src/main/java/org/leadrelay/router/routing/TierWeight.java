package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/**
 * The partner's routing weight (its own, or its tier's), as a share of the highest tier weight.
 * The weight mostly works through fairness, which gives partners leads in proportion to it; this
 * component only tilts close calls towards higher tiers, and its points should stay well below
 * fairness's, or higher tiers get more than their share.
 */
final class TierWeight implements ScoringCriterion {

    static final String NAME = "tier";

    private final RoutingWeights weights;
    private final double top;

    TierWeight(RoutingWeights weights) {
        this.weights = weights;
        this.top = weights.topTierWeight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        return points(candidate.weight());
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] += points(eligible.weight(i));
        }
    }

    private double points(double weight) {
        return Wording.points(weights.tier() * (top == 0 ? 0 : Math.min(1, weight / top)));
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        String source = candidate.partner().routingWeight() == null ? " (its tier's)" : " (set for the partner)";
        return new ScoreComponent(NAME, points(lead, candidate, pool),
                candidate.partner().tier() + ", routing weight " + Wording.decimal(candidate.weight()) + source
                        + " of at most " + Wording.decimal(top));
    }
}
