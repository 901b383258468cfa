package org.leadrelay.router.routing;

/**
 * The eligible partners of one decision, by position: their numbers in the {@link PartnerIndex},
 * standings, routing weights and tie-breaks, side by side in arrays. The components score them all
 * at once from these and the index's columns ({@link ScoringCriterion#addPoints}), reading no
 * partner's object; a {@link #candidate(int) Candidate} is made only to word a score.
 */
final class Eligible {

    private final PartnerIndex index;
    private final int[] ordinals;
    private final Standing[] standings;
    private final double[] weights;
    private final long[] tieBreaks;

    Eligible(PartnerIndex index, int[] ordinals, Standing[] standings, double[] weights, long[] tieBreaks) {
        this.index = index;
        this.ordinals = ordinals;
        this.standings = standings;
        this.weights = weights;
        this.tieBreaks = tieBreaks;
    }

    PartnerIndex index() {
        return index;
    }

    int size() {
        return ordinals.length;
    }

    /** The number in the index of the partner at that position. */
    int ordinal(int i) {
        return ordinals[i];
    }

    Standing standing(int i) {
        return standings[i];
    }

    double weight(int i) {
        return weights[i];
    }

    long tieBreak(int i) {
        return tieBreaks[i];
    }

    /** The partner at that position as the one-by-one components read it. */
    Candidate candidate(int i) {
        return new Candidate(index.partner(ordinals[i]), standings[i], weights[i], tieBreaks[i]);
    }
}
