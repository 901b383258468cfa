package org.leadrelay.console.flow;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happened in one minute of the flow.
 *
 * @param minute   minutes since the epoch, of the events' own times
 * @param counts   events counted, by {@link FlowKind#key()}
 * @param toAssign intake to first offer, in {@link LatencyBuckets}
 * @param toAccept intake to acceptance, in {@link LatencyBuckets}
 * @param recent   the last leads received in that minute, oldest first
 */
public record FlowMinute(long minute, Map<String, Long> counts, long[] toAssign, long[] toAccept, List<UUID> recent) {

    public long count(FlowKind kind) {
        return counts.getOrDefault(kind.key(), 0L);
    }
}
