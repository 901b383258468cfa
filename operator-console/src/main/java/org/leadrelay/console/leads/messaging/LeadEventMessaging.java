package org.leadrelay.console.leads.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.leadrelay.console.erasures.TrackingErasures;
import org.leadrelay.console.leads.RecordingStories;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.ErasureEvent;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.messaging.BatchedEvent;
import org.leadrelay.kit.messaging.EventConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The lead topics, each its own batch-mode binding and consumer group: every event about a lead
 * goes into its story, a poll's records together (the further the console is behind, the larger
 * its batches and the fewer its writes per event). Redelivered records are skipped by their
 * CloudEvents id. A record that cannot be read is malformed and goes alone to the topic's
 * dead-letter topic (EventConsumers#batchOf).
 */
@Configuration(proxyBeanMethods = false)
class LeadEventMessaging {

    @Bean
    Consumer<Message<List<byte[]>>> leadReceived(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return consumers.batchOf(LeadReceived.class, batch -> record(recording, codec, batch, Topics.LEADS_RECEIVED));
    }

    @Bean
    Consumer<Message<List<byte[]>>> leadAssignment(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return consumers.batchOf(AssignmentEvent.class, batch -> record(recording, codec, batch, Topics.ASSIGNMENTS));
    }

    @Bean
    Consumer<Message<List<byte[]>>> leadNotification(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return consumers.batchOf(NotificationEvent.class, batch -> record(recording, codec, batch, Topics.NOTIFICATIONS));
    }

    @Bean
    Consumer<Message<List<byte[]>>> leadErasure(EventConsumers consumers, RecordingStories recording, EventCodec codec,
            TrackingErasures erasures) {
        return consumers.batchOf(ErasureEvent.class, batch -> {
            record(recording, codec, batch, Topics.ERASURES);
            // after the stories: the console's part of an erasure is done once the story holds nothing of the person
            erasures.record(batch.stream().map(record -> record.received().event()).toList());
        });
    }

    private static void record(RecordingStories recording, EventCodec codec, List<? extends BatchedEvent<? extends LeadRelayEvent>> batch,
            String topic) {
        List<RecordingStories.Arrival> arrivals = new ArrayList<>(batch.size());
        for (BatchedEvent<? extends LeadRelayEvent> record : batch) {
            LeadRelayEvent event = record.received().event();
            String json = new String(codec.write(event), StandardCharsets.UTF_8);
            StoryEvent storyEvent = new StoryEvent(record.received().context().id().toString(), record.received().context().type(), topic,
                    record.received().context().time(), json);
            arrivals.add(new RecordingStories.Arrival(leadId(event), storyEvent, record.appendedAt()));
        }
        recording.recordAll(arrivals);
    }

    private static UUID leadId(LeadRelayEvent event) {
        if (event instanceof LeadReceived received) {
            return received.leadId();
        }
        if (event instanceof AssignmentEvent assignment) {
            return assignment.leadId();
        }
        if (event instanceof NotificationEvent notification) {
            return notification.leadId();
        }
        if (event instanceof ErasureEvent erasure) {
            return erasure.leadId();
        }
        throw new IllegalArgumentException("not an event about a lead: " + event.getClass().getSimpleName());
    }
}
