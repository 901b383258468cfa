package org.leadrelay.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadRelayEvent;

/**
 * Reads and writes raw records on the shared broker, as an outside system would: tests use it to
 * watch what a service publishes and to feed it records, malformed ones included. Each probe reads
 * its topics from the beginning with its own consumer group.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final EventCodec CODEC = new EventCodec();

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String... topics) {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        // a probe must never create a topic with the broker's defaults before a service declares it
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(consumerProps);
        consumer.subscribe(List.of(topics));

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(producerProps);
    }

    public static TopicProbe on(String... topics) {
        return new TopicProbe(Infrastructure.shared().kafkaBootstrapServers(), topics);
    }

    /**
     * Every record the topics hold now, read from the beginning of each partition to its end: what
     * anyone with access to the broker could read. Topics that do not exist are skipped.
     */
    public static List<ConsumerRecord<String, byte[]>> everyRecordOf(java.util.Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props)) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<org.apache.kafka.common.PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition())));
                }
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = reader.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            await().atMost(DEFAULT_WAIT).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(all::add);
                return partitions.stream().allMatch(partition -> reader.position(partition) >= ends.get(partition));
            });
            return all;
        }
    }

    /** Waits up to 30 seconds for a record matching the predicate and returns the first one. */
    public ConsumerRecord<String, byte[]> awaitRecord(Predicate<ConsumerRecord<String, byte[]>> matching) {
        return awaitRecords(matching, 1).get(0);
    }

    /** Waits up to 30 seconds until at least {@code count} records match, and returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> matching, int count) {
        return awaitRecords(matching, count, DEFAULT_WAIT);
    }

    /** Waits up to {@code atMost} until at least {@code count} records match, and returns them all: for runs of thousands. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> matching, int count,
            Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ZERO).pollDelay(Duration.ZERO)
                .until(() -> poll(matching).size() >= count);
        return matching(matching);
    }

    /** Polls for {@code during} and returns every matching record seen so far: to prove an absence. */
    public List<ConsumerRecord<String, byte[]>> recordsAfter(Duration during, Predicate<ConsumerRecord<String, byte[]>> matching) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            poll(matching);
        }
        return matching(matching);
    }

    public void send(String topic, String key, Map<String, byte[]> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send a record to " + topic, e);
        }
    }

    /** Publishes an event as a Lead Relay service would: CloudEvents headers, JSON payload, keyed by its entity. */
    public void publish(EventEnvelope<?> envelope) {
        send(envelope.topic(), envelope.key(), CloudEventHeaders.toHeaders(envelope), CODEC.write(envelope.data()));
    }

    /** Publishes an event under a new id, from a test source. */
    public void publish(LeadRelayEvent event) {
        publish(EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", Instant.now(), event));
    }

    /** Reads a record's payload as the event its ce_type names, validating it against its schema. */
    public static <T extends LeadRelayEvent> T event(ConsumerRecord<String, byte[]> record, Class<T> kind) {
        return CODEC.read(header(record, CloudEventHeaders.TYPE), record.value(), kind);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, byte[]>> keyed(Object key) {
        return record -> key.toString().equals(record.key());
    }

    public static Predicate<ConsumerRecord<String, byte[]>> ofType(String ceType) {
        return record -> ceType.equals(header(record, "ce_type"));
    }

    private List<ConsumerRecord<String, byte[]>> poll(Predicate<ConsumerRecord<String, byte[]>> matching) {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        return matching(matching);
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> matching) {
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(2));
    }
}
