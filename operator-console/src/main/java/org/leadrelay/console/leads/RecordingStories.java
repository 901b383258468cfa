package org.leadrelay.console.leads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each event about a lead to its story. A batch of events (one poll of a topic) is recorded
 * together: the stories it touches are read in one query, each lead's new events are added in the
 * order they came, and each story is stored once by compare-and-set, read again and redone when
 * another consumer thread (an event of another topic about the same lead) stored first. An event
 * already in the story is skipped, so a redelivered record changes nothing. The listeners then
 * hear of the batch's changes together.
 */
public class RecordingStories {

    private static final Logger log = LoggerFactory.getLogger(RecordingStories.class);
    private static final int ATTEMPTS = 20;

    private final LeadStories stories;
    private final EventCodec codec;
    private final List<StoryListener> listeners;
    private final Clock clock;
    private final LagGauge lag;

    public RecordingStories(LeadStories stories, EventCodec codec, List<StoryListener> listeners, Clock clock, LagGauge lag) {
        this.stories = stories;
        this.codec = codec;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.lag = lag;
    }

    /** How far behind the topics the read model is: the time from each record's arrival on the broker to its recording. */
    @FunctionalInterface
    public interface LagGauge {
        void recorded(Duration age);
    }

    /**
     * An event to record.
     *
     * @param appendedAt when its record reached the broker (null: unknown, the event's own time counts)
     */
    public record Arrival(UUID leadId, StoryEvent event, Instant appendedAt) {
    }

    /** @return the changes made: one for each event that was new to its story */
    public List<StoryChange> recordAll(List<Arrival> arrivals) {
        Map<UUID, List<Arrival>> byLead = new LinkedHashMap<>();
        for (Arrival arrival : arrivals) {
            byLead.computeIfAbsent(arrival.leadId(), id -> new ArrayList<>()).add(arrival);
        }
        Map<UUID, LeadStory> stored = new LinkedHashMap<>();
        for (LeadStory story : stories.findAll(byLead.keySet())) {
            stored.put(story.leadId(), story);
        }
        List<StoryChange> changes = new ArrayList<>();
        for (Map.Entry<UUID, List<Arrival>> lead : byLead.entrySet()) {
            changes.addAll(record(lead.getKey(), stored.get(lead.getKey()), lead.getValue()));
        }
        if (!changes.isEmpty()) {
            for (StoryListener listener : listeners) {
                listener.added(changes);
            }
        }
        return changes;
    }

    private List<StoryChange> record(UUID leadId, LeadStory read, List<Arrival> arrivals) {
        LeadStory current = read != null ? read : LeadStory.empty(leadId);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<StoryChange> changes = new ArrayList<>();
            LeadStory story = current;
            for (Arrival arrival : arrivals) {
                if (!story.has(arrival.event().id())) {
                    LeadStory next = story.with(arrival.event(), codec);
                    changes.add(new StoryChange(story, next, arrival.event()));
                    story = next;
                }
            }
            if (changes.isEmpty()) {
                return changes;
            }
            if (stories.save(story)) {
                Instant now = clock.instant();
                for (Arrival arrival : arrivals) {
                    lag.recorded(Duration.between(arrival.appendedAt() != null ? arrival.appendedAt() : arrival.event().time(), now));
                }
                return changes;
            }
            log.debug("lead {} changed while {} events were recorded; attempt {}", leadId, arrivals.size(), attempt);
            current = stories.find(leadId).orElseGet(() -> LeadStory.empty(leadId));
        }
        throw new IllegalStateException("lead " + leadId + " kept changing while " + arrivals.size() + " events were recorded");
    }
}
