package org.leadrelay.console.flow;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Where the per-minute counts of the flow are kept. */
public interface FlowMinutes {

    /**
     * Counts one event in its minute ({@code kind} null: only the times are added).
     *
     * @param received the lead, when the event is its LeadReceived (kept among the minute's recent leads)
     * @param toAssign intake to first offer, when this event is the first offer (else null)
     * @param toAccept intake to acceptance, when this event is the acceptance (else null)
     */
    void count(long minute, FlowKind kind, UUID received, Duration toAssign, Duration toAccept);

    /** The minutes asked for that saw anything, in no particular order. */
    List<FlowMinute> read(Collection<Long> minutes);
}
