package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

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
        IndexedPartner partner = candidate.indexed();
        Standing standing = candidate.standing();
        double share = partner.capacity == 0 ? 0 : (double) Math.max(0, partner.capacity - standing.openLeads()) / partner.capacity;
        if (partner.weeklyCapacity >= 0) {
            share = Math.min(share, partner.weeklyCapacity == 0
                    ? 0
                    : (double) Math.max(0, partner.weeklyCapacity - standing.leadsThisWeek()) / partner.weeklyCapacity);
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
