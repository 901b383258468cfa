package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/**
 * How readily and how fast the partner answers: half acceptance rate, half speed (a median answer
 * time equal to {@code answerTimeReference} scores 0.5, an instant one 1). Both are blended with a
 * prior worth {@code priorOffers} offers, so a new partner scores what an average partner does:
 * neither starved for having no record nor favoured over partners with a good one. The prior
 * acceptance rate is that of the eligible partners together, or {@code priorAcceptanceRate} while
 * they have too little record; the prior speed is 0.5.
 */
final class Responsiveness implements ScoringCriterion {

    static final String NAME = "responsiveness";
    private static final double PRIOR_SPEED = 0.5;

    private final RoutingWeights weights;
    private final double referenceSeconds;

    Responsiveness(RoutingWeights weights) {
        this.weights = weights;
        this.referenceSeconds = weights.answerTimeReference().toMillis() / 1000.0;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The acceptance rate a partner without a record is taken to have for this decision. */
    double priorRate(Pool pool) {
        return pool.offers() > 0 && pool.offers() >= weights.priorOffers()
                ? pool.accepts() / pool.offers()
                : weights.priorAcceptanceRate();
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        return points(candidate.standing(), priorRate(pool));
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        double prior = priorRate(pool);
        for (int i = 0; i < totals.length; i++) {
            totals[i] += points(eligible.standing(i), prior);
        }
    }

    private double points(Standing standing, double priorRate) {
        return Wording.points(weights.responsiveness() * (rate(standing, priorRate) + speed(standing)) / 2);
    }

    /** The acceptance rate, blended with the prior rate. */
    private double rate(Standing standing, double prior) {
        double k = weights.priorOffers();
        double offers = Math.max(0, standing.offers());
        double accepts = Math.min(offers, Math.max(0, standing.accepts()));
        double evidence = offers + k;
        return evidence == 0 ? prior : (accepts + k * prior) / evidence;
    }

    /** The answering speed, blended with the prior speed. */
    private double speed(Standing standing) {
        double k = weights.priorOffers();
        double offers = Math.max(0, standing.offers());
        double evidence = offers + k;
        double rawSpeed = standing.medianAnswerTime() == null
                ? PRIOR_SPEED
                : referenceSeconds / (referenceSeconds + Math.max(0, standing.medianAnswerTime().toMillis() / 1000.0));
        return evidence == 0 ? rawSpeed : (rawSpeed * offers + PRIOR_SPEED * k) / evidence;
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        Standing standing = candidate.standing();
        double rate = rate(standing, priorRate(pool));
        double speed = speed(standing);
        double offers = Math.max(0, standing.offers());
        double accepts = Math.min(offers, Math.max(0, standing.accepts()));
        double points = points(lead, candidate, pool);
        if (offers == 0) {
            return new ScoreComponent(NAME, points, "no answers on record: neutral prior (acceptance "
                    + Wording.fraction(rate) + ", speed " + Wording.fraction(speed) + ")");
        }
        String median = standing.medianAnswerTime() == null ? "no answer time" : "median answer " + Wording.duration(standing.medianAnswerTime());
        return new ScoreComponent(NAME, points, "accepted " + Wording.decimal(accepts) + " of " + Wording.decimal(offers)
                + " recent offers, " + median + " (acceptance " + Wording.fraction(rate) + ", speed " + Wording.fraction(speed)
                + " with the prior)");
    }
}
