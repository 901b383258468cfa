package org.leadrelay.router.routing;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * What the eligible partners of one decision add up to, for the components that compare a partner
 * with the others (fairness, and responsiveness's prior).
 *
 * @param totalWeight  the sum of their routing weights
 * @param recentLeads  the sum of their recent leads
 * @param offers       the sum of their (decayed) answered or expired offers
 * @param accepts      the sum of their (decayed) accepted offers
 */
record Pool(int size, double totalWeight, double recentLeads, double offers, double accepts) {

    /** Over partners given one by one (tests and explanations of single components). */
    static Pool of(List<Candidate> eligible) {
        return of(eligible.size(), i -> eligible.get(i).weight(), i -> eligible.get(i).standing());
    }

    /** Over the partners of a decision. */
    static Pool of(Eligible eligible) {
        return of(eligible.size(), eligible::weight, eligible::standing);
    }

    private static Pool of(int size, IntToDoubleFunction weightOf, IntFunction<Standing> standingOf) {
        double weight = 0;
        double recent = 0;
        double offers = 0;
        double accepts = 0;
        for (int i = 0; i < size; i++) {
            Standing standing = standingOf.apply(i);
            weight += weightOf.applyAsDouble(i);
            recent += standing.recentLeads();
            offers += standing.offers();
            accepts += standing.accepts();
        }
        return new Pool(size, weight, recent, offers, accepts);
    }
}
