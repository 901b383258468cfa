package org.leadrelay.console.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.leads.StoryListener;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadUnroutable;

/**
 * Keeps the queue in step with the stories: a lead is in it while its story says UNROUTABLE, with
 * what its latest LeadUnroutable said, and leaves it once the lead is offered again (assigned by
 * hand, reopened and routed) or erased. Each write is by the lead's id, so hearing of an event again
 * would change nothing.
 */
public class KeepingQueue implements StoryListener {

    private final UnroutableLeads queue;
    private final EventCodec codec;

    public KeepingQueue(UnroutableLeads queue, EventCodec codec) {
        this.queue = queue;
        this.codec = codec;
    }

    @Override
    public void added(LeadStory before, LeadStory after, StoryEvent added) {
        if (after.state() == LeadState.UNROUTABLE) {
            LeadUnroutable latest = latestUnroutable(after.events());
            if (latest != null) {
                queue.put(new UnroutableLead(after.leadId(), after.receivedAt(), after.country(), after.city(), after.asked(),
                        latest.reason(), latest.passedOver(), latest.passedOverCounts(), latest.decidedAt(), latest.attempts()));
            }
        } else if (before.state() == LeadState.UNROUTABLE) {
            queue.remove(after.leadId());
        }
    }

    private LeadUnroutable latestUnroutable(List<StoryEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            StoryEvent event = events.get(i);
            if (EventTypes.LEAD_UNROUTABLE.equals(event.type())) {
                return codec.read(event.type(), event.json().getBytes(StandardCharsets.UTF_8), LeadUnroutable.class);
            }
        }
        return null;
    }
}
