package org.leadrelay.console.partners;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Per day (UTC), the leads the router offered, what share of each every eligible partner was due
 * by its routing weight, and which partner got it.
 */
public interface FairnessLedger {

    /** Adds each day's offers (a batch's, added up by day): one write per day. */
    void add(Collection<LedgerDay> days);

    /** The ledger of these partners summed over the days {@code from} to {@code to}, both included. */
    Window window(LocalDate from, LocalDate to, Collection<UUID> partnerIds);

    /**
     * @param leads       offers that carried expected shares
     * @param unledgered  offers that did not: counted in neither column
     * @param expected    by partner, the sum of its shares: the leads it was due
     * @param received    by partner, the offers it got among {@code leads}
     * @param unnamed     the shares of partners an event did not name (past its 500 largest)
     */
    record Window(long leads, long unledgered, Map<UUID, Double> expected, Map<UUID, Long> received, double unnamed) {
    }
}
