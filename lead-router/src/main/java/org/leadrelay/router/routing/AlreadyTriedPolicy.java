package org.leadrelay.router.routing;


/** A partner that declined the lead, or let its offer expire, is not offered it again. */
final class AlreadyTriedPolicy implements EligibilityPolicy {

    static final String NAME = "already-tried";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return lead.tried().isEmpty() || !lead.tried().containsKey(partner.id());
    }

    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        long[] excluded = new long[remaining.length];
        for (java.util.UUID partnerId : lead.tried().keySet()) {
            int ordinal = index.ordinalOf(partnerId);
            if (ordinal >= 0 && Bits.has(remaining, ordinal)) {
                Bits.set(excluded, ordinal);
            }
        }
        for (int i = 0; i < remaining.length; i++) {
            remaining[i] &= ~excluded[i];
        }
        return excluded;
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
