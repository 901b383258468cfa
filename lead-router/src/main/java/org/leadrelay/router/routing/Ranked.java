package org.leadrelay.router.routing;

import java.util.Objects;
import java.util.function.Supplier;
import org.leadrelay.events.Score;

/**
 * An eligible partner and its score for a lead. A decision ranks every eligible partner by the
 * points alone and words a partner's score the first time {@link #score()} is asked for (the router
 * reads it for the chosen partner and its fallbacks, not for thousands of others); the words are
 * made from the same inputs, so the score is the same whenever it is asked for.
 */
public final class Ranked {

    private final RoutablePartner partner;
    private final double total;
    private final Supplier<Score> explanation;
    private volatile Score score;

    public Ranked(RoutablePartner partner, Score score) {
        this.partner = Objects.requireNonNull(partner, "partner");
        this.score = Objects.requireNonNull(score, "score");
        this.total = score.total();
        this.explanation = null;
    }

    Ranked(RoutablePartner partner, double total, Supplier<Score> explanation) {
        this.partner = partner;
        this.total = total;
        this.explanation = explanation;
    }

    public RoutablePartner partner() {
        return partner;
    }

    /** The score's total, without wording the components. */
    public double total() {
        return total;
    }

    /** The score component by component, each with its reason. */
    public Score score() {
        Score worded = score;
        if (worded == null) {
            worded = explanation.get();
            score = worded;
        }
        return worded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ranked ranked && partner.equals(ranked.partner) && score().equals(ranked.score());
    }

    @Override
    public int hashCode() {
        return Objects.hash(partner, score());
    }

    @Override
    public String toString() {
        return "Ranked[partner=" + partner.name() + " (" + partner.id() + "), score=" + score() + "]";
    }
}
