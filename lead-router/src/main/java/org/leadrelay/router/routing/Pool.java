package org.leadrelay.router.routing;

import java.util.List;

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

    static Pool of(List<Candidate> eligible) {
        double weight = 0;
        double recent = 0;
        double offers = 0;
        double accepts = 0;
        for (Candidate candidate : eligible) {
            weight += candidate.weight();
            recent += candidate.standing().recentLeads();
            offers += candidate.standing().offers();
            accepts += candidate.standing().accepts();
        }
        return new Pool(eligible.size(), weight, recent, offers, accepts);
    }

    /** The same sums, added in the same order, over the partners of a decision. */
    static Pool of(Eligible eligible) {
        double weight = 0;
        double recent = 0;
        double offers = 0;
        double accepts = 0;
        for (int i = 0; i < eligible.size(); i++) {
            Standing standing = eligible.standing(i);
            weight += eligible.weight(i);
            recent += standing.recentLeads();
            offers += standing.offers();
            accepts += standing.accepts();
        }
        return new Pool(eligible.size(), weight, recent, offers, accepts);
    }
}
