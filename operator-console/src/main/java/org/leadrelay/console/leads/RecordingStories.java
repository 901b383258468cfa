package org.leadrelay.console.leads;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each event about a lead to its story: read, add, store by compare-and-set, retry when
 * another consumer thread (an event of another topic about the same lead) stored first. An event
 * already in the story is skipped, so a redelivered record changes nothing; the listeners hear of
 * each event once.
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

    /** As {@link #record(UUID, StoryEvent, java.time.Instant)}, counting the lag from the event's own time. */
    public boolean record(UUID leadId, StoryEvent event) {
        return record(leadId, event, null);
    }

    /**
     * @param appendedAt when the record reached the broker (null: unknown, the event's own time counts)
     * @return whether the event was new to the story
     */
    public boolean record(UUID leadId, StoryEvent event, java.time.Instant appendedAt) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LeadStory before = stories.find(leadId).orElseGet(() -> LeadStory.empty(leadId));
            if (before.has(event.id())) {
                return false;
            }
            LeadStory after = before.with(event, codec);
            if (stories.save(after)) {
                lag.recorded(Duration.between(appendedAt != null ? appendedAt : event.time(), clock.instant()));
                for (StoryListener listener : listeners) {
                    listener.added(before, after, event);
                }
                return true;
            }
            log.debug("lead {} changed while its event {} was recorded; attempt {}", leadId, event.id(), attempt);
        }
        throw new IllegalStateException("lead " + leadId + " kept changing while event " + event.id() + " was recorded");
    }
}
