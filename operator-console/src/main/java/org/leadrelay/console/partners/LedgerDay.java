package org.leadrelay.console.partners;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.ExpectedShares;

/** What a batch of offers adds to one day of the fairness ledger, added up before it is written. */
public final class LedgerDay {

    private final LocalDate day;
    private long leads;
    private long unledgered;
    private double unnamed;
    private final Map<UUID, Double> expected = new HashMap<>();
    private final Map<UUID, Long> received = new HashMap<>();

    public LedgerDay(LocalDate day) {
        this.day = day;
    }

    /**
     * One offer by the router. With {@code shares} null (an older event, or a hand assignment) the
     * offer is counted apart and in neither column.
     */
    void offer(UUID partnerId, ExpectedShares shares) {
        if (shares == null) {
            unledgered++;
            return;
        }
        leads++;
        received.merge(partnerId, 1L, Long::sum);
        shares.partners().forEach((partner, share) -> expected.merge(partner, share, Double::sum));
        unnamed += shares.others();
    }

    public LocalDate day() {
        return day;
    }

    public long leads() {
        return leads;
    }

    public long unledgered() {
        return unledgered;
    }

    public double unnamed() {
        return unnamed;
    }

    public Map<UUID, Double> expected() {
        return Map.copyOf(expected);
    }

    public Map<UUID, Long> received() {
        return Map.copyOf(received);
    }
}
