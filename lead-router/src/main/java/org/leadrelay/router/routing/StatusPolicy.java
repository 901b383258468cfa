package org.leadrelay.router.routing;


/** Only an {@code ACTIVE} partner takes leads: not one still onboarding, paused or suspended. */
final class StatusPolicy implements EligibilityPolicy {

    static final String NAME = "status";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return partner.takesLeads();
    }

    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        return Bits.removeAllBut(remaining, index.active());
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return "not active: " + partner.status();
    }
}
