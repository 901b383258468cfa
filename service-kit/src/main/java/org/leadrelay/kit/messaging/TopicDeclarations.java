package org.leadrelay.kit.messaging;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.leadrelay.events.Topics;

/**
 * Every topic of the contract and its dead-letter topic, with their intended configuration.
 * Each service declares them all at start-up (creating only what is missing), so whichever starts
 * first, no topic is ever auto-created with a broker's defaults.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    public static List<NewTopic> all(int partitions, short replicationFactor) {
        return Topics.plan(partitions).stream().map(spec -> toNewTopic(spec, replicationFactor)).toList();
    }

    /** The Kafka admin form of a topic of the plan. */
    public static NewTopic toNewTopic(Topics.TopicSpec spec, short replicationFactor) {
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.compacted()
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of());
    }
}
