package org.leadrelay.kit.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventEnvelope;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends one event to Kafka and waits for the broker's acknowledgement, with exactly the
 * CloudEvents binary-mode headers and nothing framework-specific, so any Kafka client can read it.
 * The outbox relays through it; a service whose aggregate records its own publication state (as
 * lead-intake's leads do) uses it directly.
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Duration timeout;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Duration timeout) {
        this.kafka = kafka;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** Publishes the event keyed by its entity; returns once the broker has acknowledged it. */
    public void send(EventEnvelope<?> envelope) throws EventNotPublishedException {
        send(envelope.topic(), envelope.key(), envelope.id(), envelope.type(), envelope.source(), envelope.time(),
                codec.write(envelope.data()));
    }

    /**
     * Publishes many events at once: every record is handed to the producer before waiting, so they
     * travel in batches, then each acknowledgement is awaited.
     *
     * @return for each envelope, in order, whether the broker acknowledged it
     */
    public boolean[] sendAll(List<EventEnvelope<?>> envelopes) {
        List<CompletableFuture<?>> sent = new ArrayList<>(envelopes.size());
        for (EventEnvelope<?> envelope : envelopes) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(envelope.topic(), envelope.key(), codec.write(envelope.data()));
            CloudEventHeaders.toHeaders(envelope).forEach((name, value) -> record.headers().add(name, value));
            try {
                sent.add(kafka.send(record));
            } catch (KafkaException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        boolean[] acknowledged = new boolean[envelopes.size()];
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged[i] = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return acknowledged;
            } catch (ExecutionException | TimeoutException e) {
                acknowledged[i] = false;
            }
        }
        return acknowledged;
    }

    /**
     * Publishes a tombstone: a record with the key and no value, which tells consumers of a
     * compacted topic that the entity is gone and lets compaction drop its earlier records. Its
     * CloudEvents headers say who deleted it and when, under the given type.
     */
    public void tombstone(String topic, String key, UUID id, String type, String source, Instant time)
            throws EventNotPublishedException {
        send(topic, key, id, type, source, time, null);
    }

    void send(String topic, String key, UUID id, String type, String source, Instant time, byte[] payload)
            throws EventNotPublishedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        CloudEventHeaders.toHeaders(id, type, source, time).forEach((name, value) -> record.headers().add(name, value));
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("interrupted", e);
        } catch (ExecutionException e) {
            throw new EventNotPublishedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventNotPublishedException("no acknowledgement within " + timeout, e);
        } catch (KafkaException e) {
            // raised before sending at all, for example when no broker answers for the topic's metadata
            throw new EventNotPublishedException(e.getMostSpecificCause().getMessage(), e);
        }
    }
}
