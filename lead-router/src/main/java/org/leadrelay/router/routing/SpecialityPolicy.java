package org.leadrelay.router.routing;

import org.leadrelay.router.partners.RoutablePartner;

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
        for (String term : lead.asked()) {
            if (SpecialityFit.knows(partner, term)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return "offers none of " + String.join(", ", lead.asked());
    }
}
