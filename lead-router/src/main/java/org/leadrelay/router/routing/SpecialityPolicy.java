package org.leadrelay.router.routing;

import java.util.List;

/**
 * The partner offers at least one of the products or services asked for. Not all of them: a lead
 * asking for PostgreSQL and a migration is better served by a PostgreSQL expert than by nobody,
 * and the speciality component ranks the partners that cover more of the need, and at a higher
 * level, first. The customer's environment alone does not make a partner eligible.
 */
final class SpecialityPolicy implements EligibilityPolicy {

    static final String NAME = "speciality";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        List<String> asked = lead.asked();
        for (int i = 0; i < asked.size(); i++) {
            if (partner.offers(asked.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        long[] offering = new long[remaining.length];
        for (String term : lead.asked()) {
            long[] offeringTerm = index.offering(term);
            if (offeringTerm != null) {
                for (int i = 0; i < offering.length; i++) {
                    offering[i] |= offeringTerm[i];
                }
            }
        }
        return Bits.removeAllBut(remaining, offering);
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return "offers none of " + String.join(", ", lead.asked());
    }
}
