package org.leadrelay.kit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.leadrelay.events.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.messaging.MessagingException;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What becomes of a record whose handling failed, the same for every consumer binding,
 * record-mode and batch-mode alike. The binder's own retries and dead-lettering are turned off
 * ({@link #retryAndDlqInBinding}); each binding's listener container gets an error handler that
 * acts by the {@link RecordFailure kind of failure}:
 * <ul>
 *   <li>malformed: to the binding's dead-letter topic ({@code dlq-name}) at once;</li>
 *   <li>infrastructure unavailable (the database down): retried without limit, the waits growing
 *       from the binding's {@code back-off-initial-interval} by its {@code back-off-multiplier} up
 *       to {@code leadrelay.consumers.unavailable-back-off-max}; the partition waits and nothing
 *       is dead-lettered, so an outage of any length costs time, never leads;</li>
 *   <li>anything else: the binding's {@code max-attempts} with its back-off, then the
 *       dead-letter topic.</li>
 * </ul>
 * A binding's {@code retryable-exceptions} still apply: an exception it names as not retryable
 * goes to the dead-letter topic at once, whatever its kind.
 *
 * <p>A dead letter keeps the record's key, value and headers. A record-mode binding's carries the
 * headers the binder always wrote ({@code x-original-topic}, {@code x-original-partition},
 * {@code x-original-offset}, {@code x-original-timestamp}, {@code x-exception-message},
 * {@code x-exception-fqcn}, {@code x-exception-stacktrace}); a batch-mode binding's, spring-kafka's
 * {@code kafka_dlt-*} names for the same. Both name the record's own failure (the malformed
 * event's reason), not the listener container's and the function adapter's wrappers of it.
 *
 * <p>Batches: a failure that names its record ({@link BatchListenerFailedException}, which
 * {@link EventConsumers#batchOf} raises for a malformed one) commits the records before it and
 * treats that record alone as above, then hands over the records after it again. A failure that
 * names none (the database down) is a failure of the whole batch, which is retried (the consumer
 * paused and polling meanwhile) or dead-lettered record by record.
 *
 * <p>A binding with its own {@code common-error-handler-bean-name} keeps its handler. A
 * record-mode binding with {@code max-attempts: 1} and a dead-letter topic keeps the binder's
 * handling, which dead-letters at the first failure of any kind; a warning says so at start.
 *
 * <p>Metrics: {@code leadrelay_consumer_failures_total{binding,failure}} counts failed attempts
 * ({@code failure} is {@code malformed}, {@code unavailable} or {@code failed}), and
 * {@code leadrelay_consumer_dead_letters_total{binding}} the records sent to a dead-letter topic.
 */
public class ConsumerRetries implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetries.class);
    private static final long KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    /** The share of max.poll.interval.ms a wait may take, leaving room for the attempt itself. */
    private static final int WAIT_SHARE_OF_POLL_INTERVAL = 5;
    private static final BackOff NO_RETRIES = new FixedBackOff(0L, 0L);

    private final KafkaOperations<byte[], byte[]> deadLetters;
    private final ConsumerRetryProperties properties;
    private final Map<String, Object> consumerDefaults;
    private final MeterRegistry meters;

    /**
     * @param deadLetters      writes dead letters: the records' raw key and value
     * @param consumerDefaults the consumer configuration every binding starts from (Spring Boot's
     *                         {@code spring.kafka.consumer.*}), for its {@code max.poll.interval.ms}
     */
    public ConsumerRetries(KafkaOperations<byte[], byte[]> deadLetters, ConsumerRetryProperties properties,
            Map<String, Object> consumerDefaults, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.consumerDefaults = Map.copyOf(consumerDefaults);
        this.meters = meters;
    }

    /** The error handler this class installs retries and dead-letters, instead of the binding. */
    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
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
        String name = binding.getBindingName();
        if (StringUtils.hasText(binding.getExtension().getCommonErrorHandlerBeanName())) {
            return;
        }
        if (!binding.isBatchMode() && binding.getMaxAttempts() < 2 && dlqDestinationResolver != null) {
            log.warn("binding {} has max-attempts 1: the binder dead-letters its records at the first failure, database outages"
                    + " included; give it max-attempts 2 or more for retries while the database is unavailable", name);
            return;
        }
        if (binding.isBatchMode() && dlqDestinationResolver == null) {
            throw new IllegalStateException("batch binding " + name + " has no dead-letter topic: set enable-dlq");
        }
        checkWaitFitsPollInterval(binding);
        DefaultErrorHandler handler = errorHandler(recoverer(name, dlqDestinationResolver, binding.isBatchMode()),
                backOff != null ? backOff : NO_RETRIES, whileUnavailable(binding), binding.getRetryableExceptions(),
                binding.isDefaultRetryable());
        handler.setRetryListeners(new FailedAttempts(name));
        container.setCommonErrorHandler(handler);
    }

    /**
     * The error handler: no retry for a malformed record (nor for an exception classified as not
     * retryable), {@code whileUnavailable} for an unavailable resource, {@code bounded} for
     * anything else; a failure of another kind than the record's previous one starts its own
     * back-off afresh, so a record that failed while the database was down still gets its bounded
     * attempts once it is back.
     *
     * @param recoverer null to log and skip a record whose retries ran out
     */
    static DefaultErrorHandler errorHandler(ConsumerAwareRecordRecoverer recoverer, BackOff bounded, BackOff whileUnavailable,
            Map<Class<? extends Throwable>, Boolean> classified, boolean retryableByDefault) {
        // the handler's own back-off only decides whether it retries at all; the function below picks the one used
        DefaultErrorHandler handler = new ByReason(recoverer, whileUnavailable);
        handler.setBackOffFunction((record, exception) -> RecordFailure.of(exception) == RecordFailure.UNAVAILABLE
                ? whileUnavailable : bounded);
        handler.setResetStateOnExceptionChange(true);
        if (!retryableByDefault) {
            handler.defaultFalse(true);
        }
        classified.forEach((type, retryable) -> {
            if (Exception.class.isAssignableFrom(type)) {
                Class<? extends Exception> exception = type.asSubclass(Exception.class);
                if (retryable) {
                    handler.addRetryableExceptions(exception);
                } else {
                    handler.addNotRetryableExceptions(exception);
                }
            }
        });
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /**
     * spring-kafka starts a record's back-off afresh when the class of its failure changes, but
     * looks through the listener container's wrapper only: the function adapter's wrapper
     * ({@link MessagingException}) is the same whatever the handler threw. So the handler gets
     * each failure as the container's wrapper around the record's own failure. A batch failure
     * that names its record keeps its shape, which is how the record is found.
     */
    private static final class ByReason extends DefaultErrorHandler {

        ByReason(ConsumerAwareRecordRecoverer recoverer, BackOff backOff) {
            super(recoverer, backOff);
        }

        @Override
        public boolean handleOne(Exception thrown, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            return super.handleOne(byItsReason(thrown), record, consumer, container);
        }

        @Override
        public void handleRemaining(Exception thrown, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            super.handleRemaining(byItsReason(thrown), records, consumer, container);
        }

        @Override
        public void handleBatch(Exception thrown, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                MessageListenerContainer container, Runnable invokeListener) {
            super.handleBatch(byItsReason(thrown), data, consumer, container, invokeListener);
        }

        @Override
        public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrown, ConsumerRecords<?, ?> data,
                Consumer<?, ?> consumer, MessageListenerContainer container, Runnable invokeListener) {
            return super.handleBatchAndReturnRemaining(byItsReason(thrown), data, consumer, container, invokeListener);
        }

        private static Exception byItsReason(Exception thrown) {
            if (!(thrown instanceof ListenerExecutionFailedException listener) || namesItsRecord(thrown)) {
                return thrown;
            }
            Exception reason = reason(thrown);
            return reason == thrown ? thrown : new ListenerExecutionFailedException(thrown.getMessage(), listener.getGroupId(), reason);
        }
    }

    /** The back-off while infrastructure is unavailable: capped, never exhausted. */
    private BackOff whileUnavailable(ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        ExponentialBackOff backOff = new ExponentialBackOff(binding.getBackOffInitialInterval(), binding.getBackOffMultiplier());
        backOff.setMaxInterval(properties.unavailableBackOffMax().toMillis());
        return backOff;
    }

    /**
     * The consumer does not poll while it waits between two attempts at a record; Kafka takes the
     * partitions from a consumer that has not polled for {@code max.poll.interval.ms}.
     */
    private void checkWaitFitsPollInterval(ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        Object configured = binding.getExtension().getConfiguration().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (configured == null) {
            configured = consumerDefaults.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        }
        long maxPollInterval = configured == null ? KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS : Long.parseLong(configured.toString().strip());
        long longestWait = Math.max(properties.unavailableBackOffMax().toMillis(), binding.getBackOffMaxInterval());
        if (longestWait * WAIT_SHARE_OF_POLL_INTERVAL > maxPollInterval) {
            throw new IllegalStateException("binding " + binding.getBindingName() + " may wait " + longestWait
                    + " ms between two attempts at a record, more than a fifth of its max.poll.interval.ms (" + maxPollInterval
                    + " ms): lower leadrelay.consumers.unavailable-back-off-max or back-off-max-interval, or raise max.poll.interval.ms");
        }
    }

    private ConsumerAwareRecordRecoverer recoverer(String binding,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, boolean batch) {
        if (dlqDestinationResolver == null) {
            return null;
        }
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters, dlqDestinationResolver);
        if (!batch) {
            publisher.setHeaderNamesSupplier(ConsumerRetries::binderHeaderNames);
        }
        Counter deadLettered = Counter.builder("leadrelay.consumer.dead.letters")
                .description("records a consumer binding sent to its dead-letter topic").tag("binding", binding).register(meters);
        return (record, consumer, exception) -> {
            publisher.accept(record, consumer, reason(exception));
            deadLettered.increment();
        };
    }

    /** The header names the Kafka binder gives its dead letters, which consumers of the dead-letter topics read. */
    static HeaderNames binderHeaderNames() {
        return HeaderNames.Builder.original()
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .exceptionMessage("x-exception-message")
                .exceptionStacktrace("x-exception-stacktrace")
                .keyExceptionFqcn("x-exception-key-fqcn")
                .keyExceptionMessage("x-exception-key-message")
                .keyExceptionStacktrace("x-exception-key-stacktrace")
                .build();
    }

    /**
     * The record's own failure (a malformed event's reason, the database's exception), without
     * the listener container's, the function adapter's and a batch's wrappers of it.
     */
    static Exception reason(Exception thrown) {
        Exception reason = thrown;
        while (wrapper(reason) && reason.getCause() instanceof Exception cause && cause != reason) {
            reason = cause;
        }
        return reason;
    }

    private static boolean wrapper(Exception exception) {
        return exception instanceof ListenerExecutionFailedException || exception instanceof BatchListenerFailedException
                || exception instanceof TimestampedException || exception instanceof MessagingException;
    }

    /**
     * Counts failed attempts by kind, once each (a batch's named record as a record), and logs
     * each in a line: spring-kafka logs a record's retries at debug level only.
     */
    private final class FailedAttempts implements RetryListener {

        private final String binding;

        FailedAttempts(String binding) {
            this.binding = binding;
            for (RecordFailure kind : RecordFailure.values()) {
                counter(kind);
            }
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            failed(record.topic() + "-" + record.partition() + "@" + record.offset(), ex, deliveryAttempt);
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            if (!namesItsRecord(ex)) {
                failed("a batch of " + records.count() + " records from " + records.partitions(), ex, deliveryAttempt);
            }
        }

        private void failed(String what, Exception ex, int attempt) {
            RecordFailure kind = RecordFailure.of(ex);
            counter(kind).increment();
            Exception reason = reason(ex);
            switch (kind) {
                case UNAVAILABLE -> log.warn("{}: attempt {} at {} failed, infrastructure unavailable; retrying until it is back: {}",
                        binding, attempt, what, reason.toString());
                case MALFORMED -> log.warn("{}: {} is malformed, to the dead-letter topic: {}", binding, what, reason.getMessage());
                case FAILED -> log.warn("{}: attempt {} at {} failed", binding, attempt, what, reason);
            }
        }

        private Counter counter(RecordFailure kind) {
            return Counter.builder("leadrelay.consumer.failures")
                    .description("failed attempts of a consumer binding at a record (or at a whole batch), by why they failed")
                    .tag("binding", binding).tag("failure", kind.tag()).register(meters);
        }
    }

    private static boolean namesItsRecord(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BatchListenerFailedException) {
                return true;
            }
        }
        return false;
    }
}
