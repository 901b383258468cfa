package org.leadrelay.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.leadrelay.events.Topics;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Every topic of the contract and its dead-letter topic, with their intended configuration.
 * Each service declares them all at start-up (creating only what is missing), so whichever starts
 * first, no topic is ever auto-created with a broker's defaults.
 */
public final class TopicDeclarations {

    private TopicDeclarations() {
    }

    public static List<NewTopic> all(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            TopicBuilder builder = TopicBuilder.name(topic).partitions(partitions).replicas(replicationFactor);
            if (Topics.isCompacted(topic)) {
                builder.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(builder.build());
            topics.add(TopicBuilder.name(Topics.deadLetterOf(topic)).partitions(partitions).replicas(replicationFactor).build());
        }
        return topics;
    }
}
