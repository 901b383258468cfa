package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/**
 * How far the partner is behind its weight-proportional share of the recent leads of the partners
 * eligible now, counting the lead being decided: its share is its weight over theirs, times their
 * recent leads plus one. Measured in leads, not as a fraction, so any lasting edge in the other
 * components (a higher tier, a better fit) moves the shares by a bounded number of leads, not by a
 * fraction of them: over many leads, partners receive leads in proportion to their weights, while
 * the other components decide which leads. Saturates at {@code fairnessScaleLeads} behind or ahead.
 * When every eligible partner has weight 0, they count as equal.
 */
final class Fairness implements ScoringCriterion {

    static final String NAME = "fairness";

    private final RoutingWeights weights;

    Fairness(RoutingWeights weights) {
        this.weights = weights;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        return points(candidate.weight(), candidate.standing(), pool);
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] += points(eligible.weight(i), eligible.standing(i), pool);
        }
    }

    private double points(double weight, Standing standing, Pool pool) {
        double share = pool.totalWeight() > 0 ? weight / pool.totalWeight() : 1.0 / pool.size();
        double behind = share * (pool.recentLeads() + 1) - standing.recentLeads();
        return Wording.points(weights.fairness() * Math.max(-1, Math.min(1, behind / weights.fairnessScaleLeads())));
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        double share = pool.totalWeight() > 0 ? candidate.weight() / pool.totalWeight() : 1.0 / pool.size();
        double due = share * (pool.recentLeads() + 1);
        double behind = due - candidate.standing().recentLeads();
        String position = behind >= 0 ? Wording.decimal(behind) + " behind" : Wording.decimal(-behind) + " ahead";
        return new ScoreComponent(NAME, points(lead, candidate, pool),
                "had " + Wording.decimal(candidate.standing().recentLeads()) + " recent leads; its weight's share ("
                        + Wording.decimal(candidate.weight()) + " of " + Wording.decimal(pool.totalWeight()) + ") of the eligible partners' "
                        + Wording.decimal(pool.recentLeads() + 1) + ", this lead included, is " + Wording.decimal(due) + ": " + position);
    }
}
