package org.leadrelay.router.assignment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How many leads each partner holds, kept so that no partner is offered more than its capacity,
 * even with router instances racing: each reservation is one atomic conditional update on the
 * partner's counter, keyed by the assignment so reserving or releasing the same offer twice counts
 * once.
 */
public interface PartnerLoads {

    /**
     * Reserves a place for the offer if the partner has fewer than {@code capacity} open leads and,
     * when a weekly cap is set, fewer than {@code weeklyCapacity} offers in {@code week}.
     *
     * @return true when the partner now holds the offer
     */
    boolean reserve(UUID partnerId, UUID assignmentId, int capacity, Integer weeklyCapacity, String week);

    /** Holds the offer whatever the capacity: an operator's decision. */
    void force(UUID partnerId, UUID assignmentId, String week);

    /** Frees the offer's place; freeing one not held changes nothing. */
    void release(UUID partnerId, UUID assignmentId);

    /**
     * Takes back a reservation for an offer that was never stored: its open place and, in
     * {@code week}, its count toward the weekly cap.
     */
    void cancel(UUID partnerId, UUID assignmentId, String week);

    /** Open leads and offers this week for each of the partners. */
    Map<UUID, Load> of(Collection<UUID> partnerIds, String week);

    /** Every partner's load. */
    Map<UUID, Load> all(String week);

    /** The ISO week of the instant, in UTC ({@code 2026-W48}), which weekly capacities count. */
    static String week(Instant instant) {
        var date = instant.atZone(ZoneOffset.UTC);
        return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** A partner's load. */
    record Load(int open, int thisWeek) {
        public static final Load NONE = new Load(0, 0);
    }
}
