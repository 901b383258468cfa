package org.leadrelay.console.partners;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partners page, one page of partners by name at a time (so it stays quick with ten thousand):
 * each partner's state, its answers, and its line of the fairness ledger over the last days.
 */
public class WatchingPartners {

    public static final int PAGE = 50;
    public static final List<Integer> WINDOWS = List.of(7, 30, 90);

    private final PartnerCards cards;
    private final PartnerStatistics statistics;
    private final FairnessLedger ledger;
    private final Clock clock;

    public WatchingPartners(PartnerCards cards, PartnerStatistics statistics, FairnessLedger ledger, Clock clock) {
        this.cards = cards;
        this.statistics = statistics;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param page the page, from 0
     * @param days the ledger's window: the last {@code days} days (UTC), today included; one of {@link #WINDOWS}
     */
    public Page page(int page, int days) {
        int window = WINDOWS.contains(days) ? days : WINDOWS.get(0);
        int at = Math.max(0, page);
        List<PartnerCard> found = cards.byName(at * PAGE, PAGE + 1);
        List<PartnerCard> shown = found.size() > PAGE ? found.subList(0, PAGE) : found;
        List<UUID> ids = shown.stream().map(PartnerCard::partnerId).toList();
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.minusDays(window - 1L);
        Map<UUID, PartnerStats> stats = statistics.of(ids);
        FairnessLedger.Window ledgered = ledger.window(from, today, ids);
        List<Row> rows = shown.stream().map(card -> {
            PartnerStats stat = stats.getOrDefault(card.partnerId(), PartnerStats.none(card.partnerId()));
            double expected = ledgered.expected().getOrDefault(card.partnerId(), 0.0);
            long received = ledgered.received().getOrDefault(card.partnerId(), 0L);
            return new Row(card, stat, card.outOfOfficeAt(now), card.backAt(now), expected, received,
                    ledgered.leads() == 0 ? null : expected / ledgered.leads(), ledgered.leads() == 0 ? null : (double) received / ledgered.leads());
        }).toList();
        return new Page(at, found.size() > PAGE, window, from, today, rows, ledgered.leads(), ledgered.unledgered(), ledgered.unnamed());
    }

    /**
     * @param expectedLeads  the leads it was due in the window: its shares summed
     * @param receivedLeads  the offers it got among the window's ledgered leads
     * @param expectedShare  {@code expectedLeads} over the window's ledgered leads (null when none)
     * @param receivedShare  {@code receivedLeads} over the same
     */
    public record Row(PartnerCard card, PartnerStats stats, boolean outOfOffice, Instant backAt, double expectedLeads, long receivedLeads,
            Double expectedShare, Double receivedShare) {

        /** Received minus expected, in leads: positive when it got more than its weight's share. */
        public double difference() {
            return receivedLeads - expectedLeads;
        }
    }

    /**
     * @param leads      offers in the window that carried expected shares
     * @param unledgered offers in the window that did not (older events, hand assignments)
     * @param unnamed    expected leads of partners past the 500 an event names
     */
    public record Page(int number, boolean hasNext, int days, LocalDate from, LocalDate to, List<Row> rows, long leads, long unledgered,
            double unnamed) {
    }
}
