package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/** The share of its capacity a partner has free (the tighter of open leads and this week's leads), so load spreads before caps bind. */
final class Headroom implements ScoringCriterion {

    static final String NAME = "headroom";

    private final RoutingWeights weights;

    Headroom(RoutingWeights weights) {
        this.weights = weights;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        return points(candidate.partner().capacity(), candidate.partner().weeklyCapacityOrNone(), candidate.standing());
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        PartnerIndex index = eligible.index();
        for (int i = 0; i < totals.length; i++) {
            int ordinal = eligible.ordinal(i);
            totals[i] += points(index.capacity(ordinal), index.weeklyCapacity(ordinal), eligible.standing(i));
        }
    }

    /** @param weeklyCapacity the weekly capacity, or -1 for none */
    private double points(int capacity, int weeklyCapacity, Standing standing) {
        double share = capacity == 0 ? 0 : (double) Math.max(0, capacity - standing.openLeads()) / capacity;
        if (weeklyCapacity >= 0) {
            double weeklyShare = weeklyCapacity == 0 ? 0 : (double) Math.max(0, weeklyCapacity - standing.leadsThisWeek()) / weeklyCapacity;
            share = Math.min(share, weeklyShare);
        }
        return Wording.points(weights.headroom() * share);
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        RoutablePartner partner = candidate.partner();
        Standing standing = candidate.standing();
        int free = Math.max(0, partner.capacity() - standing.openLeads());
        String why = free + " of " + partner.capacity() + " open-lead slots free";
        if (partner.weeklyCapacity() != null) {
            int weeklyFree = Math.max(0, partner.weeklyCapacity() - standing.leadsThisWeek());
            why += ", " + weeklyFree + " of " + partner.weeklyCapacity() + " left this week";
        }
        return new ScoreComponent(NAME, points(lead, candidate, pool), why);
    }
}
