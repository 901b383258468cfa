package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/** A partner serving in the customer's own language scores over one serving only in the fallback language. */
final class LanguageMatch implements ScoringCriterion {

    static final String NAME = "language";

    private final RoutingWeights weights;

    LanguageMatch(RoutingWeights weights) {
        this.weights = weights;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        return RoutablePartner.has(candidate.partner().languageWords, lead.language()) ? Wording.points(weights.language()) : 0;
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        long[] speaking = eligible.index().speaking(lead.language());
        double points = Wording.points(weights.language());
        for (int i = 0; i < totals.length; i++) {
            totals[i] += speaking != null && Bits.has(speaking, eligible.ordinal(i)) ? points : 0;
        }
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        if (candidate.partner().languages().contains(lead.language())) {
            return new ScoreComponent(NAME, Wording.points(weights.language()), "serves in " + lead.language());
        }
        return new ScoreComponent(NAME, 0, "serves in the fallback " + weights.fallbackLanguage() + ", not " + lead.language());
    }
}
