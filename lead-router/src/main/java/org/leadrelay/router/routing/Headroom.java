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
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        RoutablePartner partner = candidate.partner();
        Standing standing = candidate.standing();
        int free = Math.max(0, partner.capacity() - standing.openLeads());
        double share = partner.capacity() == 0 ? 0 : (double) free / partner.capacity();
        String why = free + " of " + partner.capacity() + " open-lead slots free";
        if (partner.weeklyCapacity() != null) {
            int weeklyFree = Math.max(0, partner.weeklyCapacity() - standing.leadsThisWeek());
            double weeklyShare = partner.weeklyCapacity() == 0 ? 0 : (double) weeklyFree / partner.weeklyCapacity();
            share = Math.min(share, weeklyShare);
            why += ", " + weeklyFree + " of " + partner.weeklyCapacity() + " left this week";
        }
        return new ScoreComponent(NAME, Wording.points(weights.headroom() * share), why);
    }
}
