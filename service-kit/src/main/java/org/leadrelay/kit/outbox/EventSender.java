package org.leadrelay.kit.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.leadrelay.events.CloudEventHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends one recorded event to Kafka and waits for the broker's acknowledgement, with exactly the
 * CloudEvents binary-mode headers and nothing framework-specific, so any Kafka client can read it.
 */
class EventSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    EventSender(KafkaTemplate<String, byte[]> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    void send(OutboxEntry entry) throws PublishFailedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.payload());
        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(UUID.fromString(entry.id()), entry.type(), entry.source(), entry.time());
        headers.forEach((name, value) -> record.headers().add(name, value));
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("no acknowledgement within " + timeout, e);
        }
    }

    static class PublishFailedException extends Exception {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
