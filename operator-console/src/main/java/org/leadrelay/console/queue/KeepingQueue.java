package org.leadrelay.console.queue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryChange;
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
 *
 * <p>Two consumer threads (an event of each topic about one lead) store the story one after the
 * other but may tell this listener in the other order: what is written is therefore what the
 * stored story says when it is written, read again by key, and written again if the story changed
 * meanwhile. A LeadUnroutable read before its lead's LeadReceived thus still ends with the lead's
 * place and need in the queue.
 */
public class KeepingQueue implements StoryListener {

    private static final int ATTEMPTS = 5;

    private final UnroutableLeads queue;
    private final EventCodec codec;
    private final LeadStories stories;

    public KeepingQueue(UnroutableLeads queue, EventCodec codec, LeadStories stories) {
        this.queue = queue;
        this.codec = codec;
        this.stories = stories;
    }

    @Override
    public void added(List<StoryChange> changes) {
        // a lead's changes come together and in order: where it started and where it ended decide
        Map<UUID, LeadStory> first = new LinkedHashMap<>();
        Map<UUID, LeadStory> last = new LinkedHashMap<>();
        for (StoryChange change : changes) {
            first.putIfAbsent(change.after().leadId(), change.before());
            last.put(change.after().leadId(), change.after());
        }
        last.forEach((leadId, after) -> keep(first.get(leadId), after));
    }

    private void keep(LeadStory before, LeadStory after) {
        if (after.state() != LeadState.UNROUTABLE && before.state() != LeadState.UNROUTABLE) {
            return; // the queue is not concerned
        }
        LeadStory stored = stories.find(after.leadId()).orElse(after);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            write(stored);
            LeadStory now = stories.find(after.leadId()).orElse(stored);
            if (now.version() == stored.version()) {
                return;
            }
            stored = now;
        }
    }

    private void write(LeadStory story) {
        LeadUnroutable latest = story.state() == LeadState.UNROUTABLE ? latestUnroutable(story.events()) : null;
        if (latest != null) {
            queue.put(new UnroutableLead(story.leadId(), story.receivedAt(), story.country(), story.city(), story.asked(),
                    latest.reason(), latest.passedOver(), latest.passedOverCounts(), latest.decidedAt(), latest.attempts()));
        } else {
            queue.remove(story.leadId());
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
