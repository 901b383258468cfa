package org.leadrelay.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.MalformedEventException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Adapts a handler of typed events to a Spring Cloud Stream {@code Consumer<Message<byte[]>>}
 * binding. A record that cannot be read (missing CloudEvents headers, unknown type, a payload that
 * breaks its schema) raises {@link MalformedEventException}, which bindings configure as not
 * retryable, so it goes straight to the topic's dead-letter topic and the next record is processed.
 *
 * <p>Tombstones: the Kafka binder hands a record with a null value to the function as a message
 * whose payload is {@link KafkaNull}, with the record key in {@link KafkaHeaders#RECEIVED_KEY}
 * (bytes, as the binder's default key deserializer leaves them). A binding that takes tombstones
 * (a compacted topic) registers a handler for them, which gets the key; any other binding rejects a
 * tombstone as malformed, so it lands on the dead-letter topic where someone will see it, rather
 * than being dropped silently.
 *
 * <p>Batches: a batch-mode binding ({@link #batchOf}) hands its handler every readable record of a
 * poll at once. A malformed record stops the batch: the records before it are handled, then
 * {@link BatchListenerFailedException} names it, and the kit's error handler
 * ({@link ConsumerRetries}) sends it alone to the dead-letter topic and hands over the records
 * after it again.
 */
public class EventConsumers {

    private final EventCodec codec;

    public EventConsumers(EventCodec codec) {
        this.codec = codec;
    }

    /** A consumer of one kind of event (or a sealed family of them); a tombstone is malformed here. */
    public <T extends LeadRelayEvent> Consumer<Message<byte[]>> of(Class<T> kind, Consumer<ReceivedEvent<T>> handler) {
        return of(kind, handler, key -> {
            throw new MalformedEventException("tombstone (record with no value) for key " + key
                    + " on a binding that takes no tombstones");
        });
    }

    /**
     * A consumer of one kind of event and of tombstones on a compacted topic. Every record with no
     * value is a deletion of its key, whatever its headers say (they are informative: Lead Relay's
     * tombstones carry CloudEvents headers, a tombstone written by an operator's tool may not).
     *
     * @param onTombstone takes the key of a deleted entity; must be idempotent, as every handler is
     */
    public <T extends LeadRelayEvent> Consumer<Message<byte[]>> of(Class<T> kind, Consumer<ReceivedEvent<T>> handler,
            Consumer<String> onTombstone) {
        return message -> {
            if (isTombstone(message)) {
                onTombstone.accept(key(message));
            } else {
                handler.accept(read(message, kind));
            }
        };
    }

    /**
     * A batch-mode binding's consumer: the handler gets the batch's events in the order of the
     * records, each with when its record reached the broker; it must be idempotent, since the
     * records after a malformed one are handed over again (and any batch may be, after a crash).
     */
    public <T extends LeadRelayEvent> Consumer<Message<List<byte[]>>> batchOf(Class<T> kind, Consumer<List<BatchedEvent<T>>> handler) {
        return batch -> {
            List<Message<Object>> records = Batches.split(batch);
            List<BatchedEvent<T>> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                Message<Object> record = records.get(i);
                try {
                    events.add(new BatchedEvent<>(read(record, kind), appendedAt(record)));
                } catch (MalformedEventException e) {
                            if (!events.isEmpty()) {
                        handler.accept(events);
                    }
                    throw new BatchListenerFailedException(e.getMessage(), e, i);
                }
            }
            if (!events.isEmpty()) {
                handler.accept(events);
            }
        };
    }

    /** When the record reached the broker (its Kafka timestamp), or null when it has none. */
    public static Instant appendedAt(Message<?> message) {
        Object timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP);
        return timestamp instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
    }

    public <T extends LeadRelayEvent> ReceivedEvent<T> read(Message<?> message, Class<T> kind) {
        MessageHeaders headers = message.getHeaders();
        CloudEventHeaders.Context context = CloudEventHeaders.read(name -> bytes(headers.get(name)));
        if (!(message.getPayload() instanceof byte[] payload)) {
            throw new MalformedEventException("record of type " + context.type() + " has no payload");
        }
        return new ReceivedEvent<>(context, codec.read(context.type(), payload, kind));
    }

    /** Whether the record has no value: a tombstone. */
    public static boolean isTombstone(Message<?> message) {
        return message.getPayload() instanceof KafkaNull;
    }

    /**
     * The record's key as text.
     *
     * @throws MalformedEventException when the record has none
     */
    public static String key(Message<?> message) {
        byte[] key = bytes(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
        if (key == null || key.length == 0) {
            throw new MalformedEventException("record has no key");
        }
        return new String(key, StandardCharsets.UTF_8);
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
