package org.leadrelay.router.partners.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.router.partners.PartnerReplica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Feeds this instance's {@link PartnerReplica} from the partners topic: every partition from the
 * beginning, then whatever comes, with a plain consumer of its own (no group, so every instance
 * reads everything, and nothing is committed). A new index is published once the records stop
 * coming, and at most once a second while they keep coming (a bulk import), so a large directory
 * is not rebuilt for each of ten thousand records. A record it cannot read is skipped and logged;
 * the copy's binding ({@code partnerUpserted-in-0}) sends it to the DLQ.
 */
@Component
class PartnerTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartnerTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PUBLISH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Object> config;
    private final String topic;
    private final EventCodec codec;
    private final PartnerReplica replica;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    PartnerTopicReader(KafkaProperties kafka, EventCodec codec, PartnerReplica replica,
            @Value("${spring.cloud.stream.bindings.partnerUpserted-in-0.destination:partners.v1}") String topic) {
        this.config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lead-router-partner-replica-" + UUID.randomUUID());
        this.topic = topic;
        this.codec = codec;
        this.replica = replica;
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::read, "partner-replica");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, byte[]> opened = new KafkaConsumer<>(config)) {
                consumer = opened;
                follow(opened);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("the partner replica lost its consumer ({}); reading {} again from the beginning", e.toString(), topic);
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Reads the topic from the beginning, then follows it until stopped. */
    private void follow(KafkaConsumer<String, byte[]> consumer) {
        long began = System.nanoTime();
        List<TopicPartition> partitions = List.of();
        // the partners binding creates the topic when the instance starts: wait for it rather than read nothing
        while (running && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                pause(Duration.ofMillis(200));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean changed = false;
        long publishedAt = 0;
        while (running) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                changed |= apply(record);
            }
            boolean ready = replica.ready();
            List<TopicPartition> all = partitions;
            boolean reachedEnd = ready || all.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            // caught up: a new index once the records stop, or each second while they keep coming; replaying: once, at the end
            if (changed && (ready ? records.isEmpty() || System.nanoTime() - publishedAt >= PUBLISH_EVERY_NANOS : reachedEnd)) {
                replica.publish();
                publishedAt = System.nanoTime();
                changed = false;
            }
            if (!ready && reachedEnd) {
                replica.caughtUp(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            }
        }
    }

    /** Applies one record; true when the replica changed. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        UUID partnerId;
        try {
            partnerId = UUID.fromString(record.key());
        } catch (RuntimeException e) {
            skip(record, "its key is not a partner id");
            return false;
        }
        if (record.value() == null) {
            return replica.remove(partnerId);
        }
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null) {
            skip(record, "it has no " + CloudEventHeaders.TYPE + " header");
            return false;
        }
        try {
            LeadRelayEvent event = codec.read(new String(type.value(), StandardCharsets.UTF_8), record.value());
            return event instanceof PartnerUpserted partner && replica.keep(partner);
        } catch (MalformedEventException e) {
            skip(record, e.getMessage());
            return false;
        }
    }

    private static void skip(ConsumerRecord<String, byte[]> record, String why) {
        log.warn("partner replica: skipping the record at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(), why);
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
