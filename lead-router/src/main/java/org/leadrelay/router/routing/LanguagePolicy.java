package org.leadrelay.router.routing;

import org.leadrelay.router.partners.RoutablePartner;

/** The partner serves customers in the lead's language, or in the configured fallback language. */
final class LanguagePolicy implements EligibilityPolicy {

    static final String NAME = "language";

    private final String fallback;

    LanguagePolicy(String fallback) {
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return partner.languages().contains(lead.language()) || fallback != null && partner.languages().contains(fallback);
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        String speaks = partner.languages().isEmpty() ? "names no language" : "serves in " + String.join(", ", partner.languages());
        return fallback == null || fallback.equals(lead.language())
                ? "does not serve in " + lead.language() + " (" + speaks + ")"
                : "serves in neither " + lead.language() + " nor the fallback " + fallback + " (" + speaks + ")";
    }
}
