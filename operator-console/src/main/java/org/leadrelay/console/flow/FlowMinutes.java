package org.leadrelay.console.flow;

import java.util.Collection;
import java.util.List;

/** Where the per-minute counts of the flow are kept. */
public interface FlowMinutes {

    /**
     * Adds to each minute's counters, latency buckets and recent leads what these hold (a batch's
     * events, added up by minute): one write per minute.
     */
    void add(Collection<FlowMinute> deltas);

    /** The minutes asked for that saw anything, in no particular order. */
    List<FlowMinute> read(Collection<Long> minutes);
}
