package org.leadrelay.console.flow;

import java.time.Duration;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.leads.StoryListener;

/** Counts each lead event in the minute of its own time, and the times to assign and to accept. */
public class FlowCounting implements StoryListener {

    private final FlowMinutes minutes;

    public FlowCounting(FlowMinutes minutes) {
        this.minutes = minutes;
    }

    @Override
    public void added(LeadStory before, LeadStory after, StoryEvent added) {
        FlowKind kind = FlowKind.of(added.type());
        if (kind == null) {
            return;
        }
        if (kind == FlowKind.RECEIVED && before.assignedAt() != null) {
            // the offer was recorded before the lead itself (another topic): its times are known only now
            minutes.count(before.assignedAt().getEpochSecond() / 60, null, null, after.timeToAssign(),
                    before.acceptedAt() != null ? after.timeToAccept() : null);
        }
        Duration toAssign = kind == FlowKind.ASSIGNED ? after.timeToAssign() : null;
        Duration toAccept = kind == FlowKind.ACCEPTED ? after.timeToAccept() : null;
        minutes.count(added.time().getEpochSecond() / 60, kind, kind == FlowKind.RECEIVED ? after.leadId() : null, toAssign, toAccept);
    }
}
