package org.leadrelay.router.routing;

import org.leadrelay.events.ScoreComponent;

/** One named part of a partner's score for a lead, with the reason an operator reads. */
interface ScoringCriterion {

    /** The component's name in the score ({@code speciality}, {@code fairness}). */
    String name();

    /** The points alone, as {@link #score} gives them: ranking needs only these, so thousands of partners cost no words. */
    double points(RoutedLead lead, Candidate candidate, Pool pool);

    /**
     * Adds to {@code totals} the points of each eligible partner, by position, as {@link #points}
     * gives them, reading the index's columns rather than each partner's object (IndexedDecisionTest
     * compares both).
     */
    void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals);

    /** The points with their reason. */
    ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool);
}
