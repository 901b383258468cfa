package org.leadrelay.console.leads.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.leadrelay.console.leads.RecordingStories;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.kit.messaging.ReceivedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The lead topics, each its own binding and consumer group: every event about a lead goes into its
 * story. Redelivered records are skipped by their CloudEvents id. A record that cannot be read is
 * malformed and goes to the topic's dead-letter topic (EventConsumers).
 */
@Configuration(proxyBeanMethods = false)
class LeadEventMessaging {

    @Bean
    Consumer<Message<byte[]>> leadReceived(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return message -> record(recording, codec, consumers.read(message, LeadReceived.class), Topics.LEADS_RECEIVED, appendedAt(message));
    }

    @Bean
    Consumer<Message<byte[]>> leadAssignment(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return message -> record(recording, codec, consumers.read(message, AssignmentEvent.class), Topics.ASSIGNMENTS, appendedAt(message));
    }

    @Bean
    Consumer<Message<byte[]>> leadNotification(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return message -> record(recording, codec, consumers.read(message, NotificationEvent.class), Topics.NOTIFICATIONS, appendedAt(message));
    }

    @Bean
    Consumer<Message<byte[]>> leadErasure(EventConsumers consumers, RecordingStories recording, EventCodec codec) {
        return message -> record(recording, codec, consumers.read(message, LeadErased.class), Topics.ERASURES, appendedAt(message));
    }

    private static void record(RecordingStories recording, EventCodec codec, ReceivedEvent<? extends LeadRelayEvent> received, String topic,
            Instant appendedAt) {
        LeadRelayEvent event = received.event();
        String json = new String(codec.write(event), StandardCharsets.UTF_8);
        recording.record(leadId(event), new StoryEvent(received.context().id().toString(), received.context().type(), topic,
                received.context().time(), json), appendedAt);
    }

    /** When the record reached the broker (its Kafka timestamp): where the read model's lag is counted from. */
    private static Instant appendedAt(Message<?> message) {
        Object timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP);
        return timestamp instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
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
        if (event instanceof LeadErased erased) {
            return erased.leadId();
        }
        throw new IllegalArgumentException("not an event about a lead: " + event.getClass().getSimpleName());
    }
}
