package org.leadrelay.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the lead path's three topics from the stack's broker as a plain consumer: every partition
 * assigned, no consumer group (so it takes nothing from the services' groups), starting at the end.
 * Each record is noted by its key (the leadId) with its timestamp; what it is comes from the
 * CloudEvents {@code ce_type} header, and for notifications the channel from the payload.
 */
final class EventWatcher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TOPICS = List.of(Topics.LEADS_RECEIVED, Topics.ASSIGNMENTS, Topics.NOTIFICATIONS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Map<String, EventStamps> recording;

    private EventWatcher(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.poller = new Thread(this::poll, "bench-event-watcher");
        this.poller.setDaemon(true);
    }

    static EventWatcher start(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadrelay-bench");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " not found on " + bootstrapServers);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the first lead is posted
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(15)));
        EventWatcher watcher = new EventWatcher(consumer);
        watcher.poller.start();
        return watcher;
    }

    /** From now on, events are noted in a new map (leadId to stamps); earlier ones are left behind. */
    Map<String, EventStamps> startRecording() {
        Map<String, EventStamps> fresh = new ConcurrentHashMap<>();
        recording = fresh;
        return fresh;
    }

    /** Events are read but not kept (history being preloaded). */
    void stopRecording() {
        recording = null;
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, EventStamps> into = recording;
                    if (into != null && record.key() != null) {
                        EventStamps stamps = stamps(record);
                        if (stamps != null) {
                            into.merge(record.key(), stamps, EventStamps::merge);
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    static EventStamps stamps(ConsumerRecord<String, byte[]> record) {
        CloudEventHeaders.Context context;
        try {
            context = CloudEventHeaders.read(name -> {
                Header header = record.headers().lastHeader(name);
                return header == null ? null : header.value();
            });
        } catch (MalformedEventException e) {
            return null;
        }
        long recordTime = record.timestamp() * 1000L;
        return switch (context.type()) {
            case EventTypes.LEAD_RECEIVED -> EventStamps.received(WallClock.micros(context.time()), recordTime);
            case EventTypes.LEAD_ASSIGNED -> EventStamps.assigned(recordTime);
            case EventTypes.LEAD_UNROUTABLE -> EventStamps.unroutableOnce();
            case EventTypes.NOTIFICATION_FAILED -> EventStamps.failedOnce();
            case EventTypes.NOTIFICATION_DELIVERED -> delivered(record.value(), recordTime);
            default -> null;
        };
    }

    private static EventStamps delivered(byte[] value, long recordTime) {
        if (value == null) {
            return null;
        }
        JsonNode event = JSON.readTree(new String(value, StandardCharsets.UTF_8));
        JsonNode message = event.get("message");
        if (message != null && !message.isNull() && !"offer".equals(message.asString())) {
            return null; // an acceptance or a withdrawal, not the offer
        }
        JsonNode channel = event.get("channel");
        return channel == null ? null : EventStamps.delivered("WEBHOOK".equals(channel.asString()), recordTime);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
