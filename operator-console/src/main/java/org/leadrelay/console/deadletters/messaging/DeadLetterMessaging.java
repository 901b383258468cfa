package org.leadrelay.console.deadletters.messaging;

import java.time.Clock;
import java.util.function.Consumer;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.DeadLetterRetention;
import org.leadrelay.console.deadletters.DeadLetters;
import org.leadrelay.console.deadletters.Replays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;

/**
 * Every dead-letter topic, read raw by one binding ({@code deadLetter-in-0}, whose destinations are
 * {@code <topic>.dlq} for every topic of the contract): each record is stored as it is, whatever it
 * holds, once. Replays go back through the service's event producer.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterMessaging {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMessaging.class);

    @Bean
    Consumer<Message<byte[]>> deadLetter(DeadLetters letters, DeadLetterRetention retention, Clock clock) {
        return message -> {
            DeadLetter letter = DeadLetterRecords.read(message, clock.instant());
            retention.stored(letter.id(), letter.storedAt()); // first: a crash in between leaves an expiry of nothing
            if (letters.add(letter)) {
                // never the payload, the key or the headers: they may hold personal data
                log.info("dead letter {} from {} stored: {}", letter.id(), letter.originalTopic(), letter.exceptionClass());
            }
        };
    }

    @Bean
    Replays deadLetterReplays(KafkaTemplate<String, byte[]> eventKafkaTemplate) {
        return new KafkaReplays(eventKafkaTemplate);
    }
}
