package org.leadrelay.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.MalformedEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handler every binding gets, driven as a listener container drives it, one failed
 * delivery at a time: what a record meets decides whether it waits, is retried a few times, or
 * goes to the dead-letter topic.
 */
class ConsumerRetriesTest {

    private static final String TOPIC = "leads.received.v2";
    private static final int MAX_ATTEMPTS = 3;

    private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, 42L,
            "lead-1".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    private final List<Exception> deadLettered = new ArrayList<>();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    // never started: it is what the handler asks whether to keep waiting, and says no, so no test sleeps
    private final KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties(TOPIC));
    private DefaultErrorHandler handler;

    @BeforeEach
    void bindingWithThreeAttempts() {
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        ExponentialBackOff whileUnavailable = new ExponentialBackOff(1, 2.0);
        whileUnavailable.setMaxInterval(4);
        handler = ConsumerRetries.errorHandler((failed, consumer, exception) -> deadLettered.add(exception),
                new FixedBackOff(1, MAX_ATTEMPTS - 1), whileUnavailable, Map.of(), true);
    }

    @Test
    void aRecordThatMeetsAnUnavailableDatabaseIsRetriedWithoutLimitAndNeverDeadLettered() {
        Exception databaseDown = asThrownByTheContainer(new DataAccessResourceFailureException(
                "Timed out while waiting for a server", new MongoTimeoutException("Timed out after 30000 ms")));

        assertThat(deliveriesUntilDeadLettered(databaseDown, 10 * MAX_ATTEMPTS)).as("dead-lettered after").isZero();
    }

    @Test
    void aMalformedRecordIsDeadLetteredAtOnce() {
        Exception malformed = asThrownByTheContainer(new MalformedEventException("payload breaks its schema: /leadId"));

        assertThat(deliveriesUntilDeadLettered(malformed, 100)).isEqualTo(1);
        assertThat(deadLettered).singleElement().extracting(ConsumerRetries::reason).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void anyOtherFailureIsDeadLetteredAfterTheBindingsAttempts() {
        Exception bug = asThrownByTheContainer(new IllegalStateException("a delivery does not end"));

        assertThat(deliveriesUntilDeadLettered(bug, 100)).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aRecordThatWaitedForTheDatabaseStillGetsItsBoundedAttemptsOnceTheDatabaseIsBack() {
        Exception databaseDown = asThrownByTheContainer(new DataAccessResourceFailureException("Prematurely reached end of stream"));
        assertThat(deliveriesUntilDeadLettered(databaseDown, 2 * MAX_ATTEMPTS)).isZero();

        Exception bug = asThrownByTheContainer(new IllegalStateException("a delivery does not end"));
        assertThat(deliveriesUntilDeadLettered(bug, 100)).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void anExceptionTheBindingNamesAsNotRetryableIsDeadLetteredAtOnceWhateverItsKind() {
        handler = ConsumerRetries.errorHandler((failed, consumer, exception) -> deadLettered.add(exception),
                new FixedBackOff(1, MAX_ATTEMPTS - 1), new FixedBackOff(1, FixedBackOff.UNLIMITED_ATTEMPTS),
                Map.of(QueryTimeoutException.class, false), true);

        assertThat(deliveriesUntilDeadLettered(asThrownByTheContainer(new QueryTimeoutException("too slow")), 100)).isEqualTo(1);
    }

    @Test
    void classifiesByTheWholeChainOfCauses() {
        assertThat(RecordFailure.of(new MongoSocketOpenException("Exception opening socket", new ServerAddress("127.0.0.1", 27017))))
                .isEqualTo(RecordFailure.UNAVAILABLE);
        assertThat(RecordFailure.of(asThrownByTheContainer(new QueryTimeoutException("too slow")))).isEqualTo(RecordFailure.UNAVAILABLE);
        assertThat(RecordFailure.of(new KafkaException("Send failed", new TimeoutException("Expiring 1 record(s)"))))
                .isEqualTo(RecordFailure.UNAVAILABLE);
        assertThat(RecordFailure.of(asThrownByTheContainer(new ServiceUnavailableException("lead-intake answered 503", null))))
                .as("another service down waits, as the database does").isEqualTo(RecordFailure.UNAVAILABLE);
        assertThat(RecordFailure.of(asThrownByTheContainer(new DuplicateKeyException("E11000 duplicate key"))))
                .isEqualTo(RecordFailure.FAILED);
        assertThat(RecordFailure.of(asThrownByTheContainer(new MalformedEventException("unknown event type",
                new DataAccessResourceFailureException("read while reading the schema"))))).isEqualTo(RecordFailure.MALFORMED);
    }

    @Test
    void aDeadLetterNamesTheRecordsOwnFailureNotItsWrappers() {
        MalformedEventException malformed = new MalformedEventException("tombstone key x is not a partnerId",
                new IllegalArgumentException("Invalid UUID string: x"));

        assertThat(ConsumerRetries.reason(asThrownByTheContainer(malformed))).isSameAs(malformed);
    }

    /** Delivers the record until it is dead-lettered: the delivery that did it, or 0 if none did within {@code limit}. */
    private int deliveriesUntilDeadLettered(Exception failure, int limit) {
        int before = deadLettered.size();
        for (int delivery = 1; delivery <= limit; delivery++) {
            try {
                handler.handleRemaining(failure, List.of(record), consumer, container);
            } catch (RuntimeException sentBackForAnotherAttempt) {
                continue;
            }
            assertThat(deadLettered).hasSize(before + 1);
            return delivery;
        }
        assertThat(deadLettered).hasSize(before);
        return 0;
    }

    /** The exception as the listener container hands it to its error handler, around the function's own. */
    private static Exception asThrownByTheContainer(Exception thrownByTheHandler) {
        return new ListenerExecutionFailedException("Listener failed",
                new MessageHandlingException(MessageBuilder.withPayload(new byte[0]).build(), thrownByTheHandler));
    }
}
