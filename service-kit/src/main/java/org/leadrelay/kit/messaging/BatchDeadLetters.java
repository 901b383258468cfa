package org.leadrelay.kit.messaging;

import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.leadrelay.events.MalformedEventException;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Dead letters for batch-mode bindings. The binder's own dead-lettering sends a failed batch's
 * every record to the dead-letter topic; this error handler sends only the record a
 * {@link org.springframework.kafka.listener.BatchListenerFailedException} names (a malformed one
 * straight away, anything else after the binding's retries), to the topic the binding's
 * {@code dlq-name} gives, and hands the records after it over again. A failure that names no
 * record (the database down) retries the whole batch with the binding's back-off, then
 * dead-letters its records, as a record-mode binding does with each of them. Record-mode bindings
 * keep the binder's retries and dead-lettering.
 */
public class BatchDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer {

    private final KafkaOperations<byte[], byte[]> deadLetters;

    public BatchDeadLetters(KafkaOperations<byte[], byte[]> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        // only the overload with the binding's properties is called by the binder
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        if (!binding.isBatchMode()) {
            return;
        }
        if (dlqDestinationResolver == null) {
            throw new IllegalStateException("batch binding " + binding.getBindingName() + " has no dead-letter topic: set enable-dlq");
        }
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters, dlqDestinationResolver);
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> publisher.accept(record, consumer, reason(exception));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff != null ? backOff : new FixedBackOff(0L, 0L));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        container.setCommonErrorHandler(handler);
    }

    /**
     * What the dead letter's exception headers say: the record's own failure (the malformed
     * event's reason), not the listener container's and the function adapter's wrappers of it.
     */
    static Exception reason(Exception thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof BatchListenerFailedException) {
                return cause.getCause() instanceof Exception named ? named : thrown;
            }
            cause = cause.getCause();
        }
        return cause instanceof Exception deepest ? deepest : thrown;
    }
}
