package org.leadrelay.router.routing;

import org.leadrelay.events.Absence;

/** A partner out of office at the moment of the decision gets no new lead (business hours only move its deadline). */
final class OutOfOfficePolicy implements EligibilityPolicy {

    static final String NAME = "out-of-office";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return !partner.mayBeAway || !partner.absentAt(lead.now());
    }

    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        return Bits.removeFailing(remaining, index.mayBeAway(), ordinal -> !admits(lead, index.partner(ordinal), null));
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return partner.availability().outOfOffice().stream()
                .filter(absence -> absence.covers(lead.now()))
                .map(Absence::until)
                .max(java.util.Comparator.naturalOrder())
                .map(until -> "out of office until " + until)
                .orElse("out of office");
    }
}
