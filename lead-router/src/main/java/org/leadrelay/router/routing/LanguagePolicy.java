package org.leadrelay.router.routing;


/** The partner serves customers in the lead's language, or in the configured fallback language. */
final class LanguagePolicy implements EligibilityPolicy {

    static final String NAME = "language";

    private final String fallback;

    LanguagePolicy(String fallback) {
        this.fallback = fallback == null ? null : fallback.intern();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return RoutablePartner.has(partner.languageWords, lead.language())
                || fallback != null && RoutablePartner.has(partner.languageWords, fallback);
    }

    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        return Bits.removeAllBut(remaining, Bits.union(remaining.length, index.speaking(lead.language()), index.speaking(fallback)));
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        String speaks = partner.languages().isEmpty() ? "names no language" : "serves in " + String.join(", ", partner.languages());
        return fallback == null || fallback.equals(lead.language())
                ? "does not serve in " + lead.language() + " (" + speaks + ")"
                : "serves in neither " + lead.language() + " nor the fallback " + fallback + " (" + speaks + ")";
    }
}
