package org.leadrelay.events;

import java.util.List;

/**
 * Kafka topic names of the public contract. Each name carries its major version: a breaking change
 * makes a new topic, never an edit in place. Every event is keyed by the entity it is about.
 */
public final class Topics {

    /** {@link LeadReceived}, keyed by leadId. */
    public static final String LEADS_RECEIVED = "leads.received.v2";
    /** {@link PartnerUpserted} and null-value tombstones, keyed by partnerId; compacted. */
    public static final String PARTNERS = "partners.v1";
    /** Every {@link AssignmentEvent}, keyed by leadId. */
    public static final String ASSIGNMENTS = "leads.assignments.v2";
    /** {@link NotificationDelivered} and {@link NotificationFailed}, keyed by leadId. */
    public static final String NOTIFICATIONS = "notifications.v1";
    /** {@link ErasureEvent}s: {@link LeadErased} and each service's {@link LeadErasureCompleted}, keyed by leadId. */
    public static final String ERASURES = "leads.erasures.v1";

    /** The topics events are published to, without their dead-letter topics. */
    public static final List<String> ALL = List.of(LEADS_RECEIVED, PARTNERS, ASSIGNMENTS, NOTIFICATIONS, ERASURES);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: failed records land there untouched, with error headers. */
    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Whether the topic is a dead-letter topic. */
    public static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(DLQ_SUFFIX);
    }

    /** Whether the topic is log-compacted (only the latest record per key is kept). */
    public static boolean isCompacted(String topic) {
        return PARTNERS.equals(topic);
    }

    /**
     * Every topic of the contract and its dead-letter topic, as a deployment should create them.
     * A dead-letter topic has as many partitions as its topic: a failed record keeps its partition.
     */
    public static List<TopicSpec> plan(int partitions) {
        return ALL.stream()
                .flatMap(topic -> java.util.stream.Stream.of(new TopicSpec(topic, partitions, isCompacted(topic)),
                        new TopicSpec(deadLetterOf(topic), partitions, false)))
                .toList();
    }

    /** How one topic is created. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }
}
