package org.leadrelay.router.routing;


/**
 * The partner holds fewer open leads than its capacity, and was offered fewer leads this week than
 * its weekly capacity when it has one. The router reserves the capacity atomically afterwards; this
 * rule only keeps full partners out of the ranking.
 */
final class CapacityPolicy implements EligibilityPolicy {

    static final String NAME = "capacity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsStanding() {
        return true;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return admits(partner.capacity(), partner.weeklyCapacityOrNone(), standing);
    }

    @Override
    public boolean admits(RoutedLead lead, PartnerIndex index, int ordinal, Standing standing) {
        return admits(index.capacity(ordinal), index.weeklyCapacity(ordinal), standing);
    }

    /** @param weeklyCapacity the weekly capacity, or -1 for none */
    private static boolean admits(int capacity, int weeklyCapacity, Standing standing) {
        return standing.openLeads() < capacity && (weeklyCapacity < 0 || standing.leadsThisWeek() < weeklyCapacity);
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        if (standing.openLeads() >= partner.capacity()) {
            return partner.capacity() == 0
                    ? "takes no leads (capacity 0)"
                    : "holds " + standing.openLeads() + " open leads, its capacity is " + partner.capacity();
        }
        return "had " + standing.leadsThisWeek() + " leads this week, its weekly capacity is " + partner.weeklyCapacity();
    }
}
