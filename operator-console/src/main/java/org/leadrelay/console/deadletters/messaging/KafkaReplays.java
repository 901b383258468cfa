package org.leadrelay.console.deadletters.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.RecordHeader;
import org.leadrelay.console.deadletters.Replays;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes a dead letter back with the service's event producer (all in-sync replicas, idempotent):
 * the original key, value and headers, to the partition the key chooses, and waits for the broker.
 */
class KafkaReplays implements Replays {

    private static final long WAIT_SECONDS = 30;

    private final KafkaTemplate<String, byte[]> kafka;

    KafkaReplays(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void send(String topic, DeadLetter letter) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.keyText(), letter.value());
        for (RecordHeader header : letter.headers()) {
            record.headers().add(header.name(), header.value());
        }
        try {
            kafka.send(record).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + letter.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay " + letter.id() + " to " + topic + ": " + e, e);
        }
    }
}
