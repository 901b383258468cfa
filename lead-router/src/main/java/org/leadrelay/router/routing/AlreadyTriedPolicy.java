package org.leadrelay.router.routing;

import org.leadrelay.router.partners.RoutablePartner;

/** A partner that declined the lead, or let its offer expire, is not offered it again. */
final class AlreadyTriedPolicy implements EligibilityPolicy {

    static final String NAME = "already-tried";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return !lead.tried().containsKey(partner.id());
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        String outcome = lead.tried().get(partner.id());
        if ("declined".equalsIgnoreCase(outcome)) {
            return "declined this lead already";
        }
        if ("expired".equalsIgnoreCase(outcome)) {
            return "let this lead's offer expire already";
        }
        return "had this lead already (" + outcome + ")";
    }
}
