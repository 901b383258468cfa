package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import org.leadrelay.events.Topics;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends one event to Kafka and waits for the broker's acknowledgement, with exactly the
 * CloudEvents binary-mode headers and nothing framework-specific, so any Kafka client can read it.
 * Every service's relay sends through it, so it counts for all of them what the broker
 * acknowledged ({@code leadrelay.events.published}), what it did not
 * ({@code leadrelay.events.publish.failures}, left to the relay's sweeper) and how long an
 * acknowledgement took ({@code leadrelay.events.publish}).
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Duration timeout;
    private final MeterRegistry meters;
    private final Timer latency;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Duration timeout, MeterRegistry meters) {
        this.kafka = kafka;
        this.codec = codec;
        this.timeout = timeout;
        this.meters = meters;
        this.latency = Timer.builder("leadrelay.events.publish").description("time from handing an event to the broker to its acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        // exported at 0 from the start for every topic of the contract, so alerts see the series before a first failure
        for (String topic : Topics.ALL) {
            meters.counter("leadrelay.events.publish.failures", "topic", topic);
        }
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
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            EventEnvelope<?> envelope = envelopes.get(i);
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged[i] = true;
                published(envelope.topic(), envelope.type(), started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return acknowledged;
            } catch (ExecutionException | TimeoutException e) {
                acknowledged[i] = false;
                failed(envelope.topic());
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
        long started = System.nanoTime();
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("interrupted", e);
        } catch (ExecutionException e) {
            failed(topic);
            throw new EventNotPublishedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            failed(topic);
            throw new EventNotPublishedException("no acknowledgement within " + timeout, e);
        } catch (KafkaException e) {
            failed(topic);
            // raised before sending at all, for example when no broker answers for the topic's metadata
            throw new EventNotPublishedException(e.getMostSpecificCause().getMessage(), e);
        }
        published(topic, type, started);
    }

    private void published(String topic, String type, long startedNanos) {
        latency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        Counter.builder("leadrelay.events.published").tag("topic", topic).tag("type", type).register(meters).increment();
    }

    private void failed(String topic) {
        meters.counter("leadrelay.events.publish.failures", "topic", topic).increment();
    }
}
