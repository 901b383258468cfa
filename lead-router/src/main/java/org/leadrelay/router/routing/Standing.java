package org.leadrelay.router.routing;

import java.time.Duration;

/**
 * A partner's recent record as the router's own database knows it, for eligibility (capacity) and
 * scoring (headroom, responsiveness, fairness).
 *
 * @param openLeads          leads it holds now: offers awaiting its answer and accepted leads still counted
 * @param leadsThisWeek      offers made to it in the current week (its weekly capacity counts these)
 * @param offers             offers it answered or let expire, decayed over time (recent ones weigh more)
 * @param accepts            of those, the ones it accepted, decayed the same way
 * @param medianAnswerTime   how long it took to answer lately, null when it never answered
 * @param recentLeads        offers made to it within the fairness window
 */
public record Standing(int openLeads, int leadsThisWeek, double offers, double accepts, Duration medianAnswerTime,
        double recentLeads) {

    /** A partner the router has no record of yet. */
    public static final Standing NEW = new Standing(0, 0, 0, 0, null, 0);
}
