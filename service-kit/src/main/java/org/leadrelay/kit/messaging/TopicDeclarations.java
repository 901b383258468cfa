package org.leadrelay.kit.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.leadrelay.events.Topics;

/**
 * Every topic of the contract and its dead-letter topic, with their intended configuration.
 * Each service declares them all at start-up (creating what is missing, and setting the
 * configuration of those there: {@code spring.kafka.admin.modify-topic-configs}), so whichever
 * starts first, no topic is ever auto-created with a broker's defaults, and a changed retention
 * reaches the topics at the next start.
 *
 * <p>Every topic but the compacted {@code partners.v1} deletes its records after a retention
 * ({@code retention.ms}), its dead-letter topic after another: nothing a lead carried stays on the
 * broker past them (plus at most a day: whole segments go, rolled daily), whatever the broker's
 * default.
 */
public final class TopicDeclarations {

    /** How often a topic rolls a new segment at the longest (Kafka's default is 7 days). */
    public static final Duration SEGMENT = Duration.ofDays(1);

    private TopicDeclarations() {
    }

    public static List<NewTopic> all(int partitions, short replicationFactor, Duration retention, Duration deadLetterRetention) {
        return Topics.plan(partitions).stream()
                .map(spec -> toNewTopic(spec, replicationFactor, retention, deadLetterRetention)).toList();
    }

    /** The Kafka admin form of a topic of the plan. */
    public static NewTopic toNewTopic(Topics.TopicSpec spec, short replicationFactor, Duration retention,
            Duration deadLetterRetention) {
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(configs(spec, retention, deadLetterRetention));
    }

    /** The configuration a topic of the plan is declared with. */
    public static Map<String, String> configs(Topics.TopicSpec spec, Duration retention, Duration deadLetterRetention) {
        if (spec.compacted()) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        Duration kept = Topics.isDeadLetterTopic(spec.name()) ? deadLetterRetention : retention;
        // Kafka deletes whole segments once their newest record is past the retention: a segment
        // rolled at least daily keeps a record at most a day longer than the retention
        Duration segment = kept.compareTo(SEGMENT) < 0 ? kept : SEGMENT;
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(kept.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis()));
    }
}
