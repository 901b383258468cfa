package org.leadrelay.console.flow.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.leadrelay.console.flow.ConsumerLags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every consumer group's lag with Kafka's admin client (committed offsets against the
 * partitions' ends, as {@code kafka-consumer-groups --describe} does), every few seconds, and keeps
 * the last answer: a page never waits for the broker. Groups with members are listed, and any
 * group with records left to read; an empty group that has read everything is not.
 */
public class KafkaConsumerLags implements ConsumerLags {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerLags.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private volatile Map<String, Long> last = Map.of();

    public KafkaConsumerLags(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Long> current() {
        return last;
    }

    /**
     * Whether a group has members (or its state is unknown): an empty group that has read
     * everything (an old generation of the console, a test's probe) is left out of the answer.
     */
    private static boolean active(ConsumerGroupListing group) {
        return group.groupState().map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true);
    }

    /** Measures again; a failure keeps the last answer and is logged. */
    public void measure() {
        try {
            Map<String, Long> lags = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                committed.keySet().forEach(partition -> ends.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = ends.isEmpty() ? Map.of()
                        : admin.listOffsets(ends).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long lag = 0;
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null && latest.containsKey(entry.getKey())) {
                        lag += Math.max(0, latest.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
                if (lag > 0 || active(group)) {
                    lags.put(group.groupId(), lag);
                }
            }
            last = Map.copyOf(lags);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not measure the consumer groups' lag: {}", e.toString());
        }
    }
}
