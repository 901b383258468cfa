package org.leadrelay.console.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live flow as the page shows it, pushed every second.
 *
 * @param minutes   the last hour, minute by minute, oldest first: counts by {@link FlowKind#key()}
 * @param lastHour  the hour's totals by kind
 * @param toAssign  intake to first offer over the last 15 minutes, in milliseconds
 * @param toAccept  intake to acceptance over the last 15 minutes, in milliseconds
 * @param recent    the last leads received, newest first
 * @param lag       records each consumer group has yet to read, by group
 */
public record FlowSnapshot(Instant at, List<Minute> minutes, Map<String, Long> lastHour, Spread toAssign, Spread toAccept,
        List<RecentLead> recent, Map<String, Long> lag) {

    public record Minute(Instant start, Map<String, Long> counts) {
    }

    /** p50 and p90 in milliseconds (null when nothing was measured), and how many were. */
    public record Spread(Double p50, Double p90, long samples) {
    }

    public record RecentLead(UUID leadId, Instant receivedAt, String state, String country, List<String> asked, String partnerName) {
    }
}
