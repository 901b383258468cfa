package org.leadrelay.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.MalformedEventException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Adapts a handler of typed events to a Spring Cloud Stream {@code Consumer<Message<byte[]>>}
 * binding. A record that cannot be read (missing CloudEvents headers, unknown type, a payload that
 * breaks its schema) raises {@link MalformedEventException}, which bindings configure as not
 * retryable, so it goes straight to the topic's dead-letter topic and the next record is processed.
 */
public class EventConsumers {

    private final EventCodec codec;

    public EventConsumers(EventCodec codec) {
        this.codec = codec;
    }

    /** A consumer of one kind of event (or a sealed family of them). */
    public <T extends LeadRelayEvent> Consumer<Message<byte[]>> of(Class<T> kind, Consumer<ReceivedEvent<T>> handler) {
        return message -> handler.accept(read(message, kind));
    }

    public <T extends LeadRelayEvent> ReceivedEvent<T> read(Message<?> message, Class<T> kind) {
        MessageHeaders headers = message.getHeaders();
        CloudEventHeaders.Context context = CloudEventHeaders.read(name -> bytes(headers.get(name)));
        if (!(message.getPayload() instanceof byte[] payload)) {
            throw new MalformedEventException("record of type " + context.type() + " has no payload");
        }
        return new ReceivedEvent<>(context, codec.read(context.type(), payload, kind));
    }

    private static byte[] bytes(Object header) {
        if (header == null) {
            return null;
        }
        if (header instanceof byte[] raw) {
            return raw;
        }
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }
}
