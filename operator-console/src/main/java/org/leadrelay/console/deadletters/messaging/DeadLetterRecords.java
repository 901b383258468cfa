package org.leadrelay.console.deadletters.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.RecordHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Reads a dead-letter record as the Kafka binder wrote it: the failed record untouched, with
 * {@code x-original-topic}, {@code x-original-partition} (4-byte int), {@code x-original-offset} and
 * {@code x-original-timestamp} (8-byte longs), {@code x-exception-message}, {@code x-exception-fqcn}
 * and {@code x-exception-stacktrace}; spring-kafka's {@code kafka_dlt-*} names are read too. Never
 * fails: what cannot be read is left out.
 */
final class DeadLetterRecords {

    static final String ORIGINAL_TOPIC = "x-original-topic";
    static final String ORIGINAL_PARTITION = "x-original-partition";
    static final String ORIGINAL_OFFSET = "x-original-offset";
    static final String ORIGINAL_TIMESTAMP = "x-original-timestamp";
    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final String EXCEPTION_CLASS = "x-exception-fqcn";
    private static final String CE_TYPE = "ce_type";
    /** Headers Spring sets on every message it makes of a record. */
    private static final java.util.Set<String> FRAMEWORK = java.util.Set.of("id", "timestamp", "contentType", "deliveryAttempt",
            "target-protocol", "sourceData");

    private DeadLetterRecords() {
    }

    static DeadLetter read(Message<?> message, Instant now) {
        Map<String, Object> headers = message.getHeaders();
        String dlqTopic = text(headers.get(KafkaHeaders.RECEIVED_TOPIC));
        int dlqPartition = number(headers.get(KafkaHeaders.RECEIVED_PARTITION), -1).intValue();
        long dlqOffset = number(headers.get(KafkaHeaders.OFFSET), -1).longValue();
        Long receivedAt = number(headers.get(KafkaHeaders.RECEIVED_TIMESTAMP), -1).longValue();
        List<RecordHeader> original = new ArrayList<>();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            String name = header.getKey();
            // the record's own headers reach the message as bytes; Spring's own (message-type, contentType, ...) are objects
            if (header.getValue() instanceof byte[] value && original(name)) {
                original.add(new RecordHeader(name, value));
            }
        }
        original.sort(java.util.Comparator.comparing(RecordHeader::name));
        byte[] value = message.getPayload() instanceof byte[] bytes ? bytes : null;
        Object key = headers.get(KafkaHeaders.RECEIVED_KEY);
        return DeadLetter.arrived(dlqTopic == null ? "unknown.dlq" : dlqTopic, dlqPartition, dlqOffset,
                receivedAt < 0 ? null : Instant.ofEpochMilli(receivedAt),
                first(text(headers.get(ORIGINAL_TOPIC)), text(headers.get(KafkaHeaders.DLT_ORIGINAL_TOPIC))),
                integer(first(headers.get(ORIGINAL_PARTITION), headers.get(KafkaHeaders.DLT_ORIGINAL_PARTITION))),
                longValue(first(headers.get(ORIGINAL_OFFSET), headers.get(KafkaHeaders.DLT_ORIGINAL_OFFSET))),
                epochMillis(longValue(first(headers.get(ORIGINAL_TIMESTAMP), headers.get(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)))),
                key instanceof byte[] raw ? raw : key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8), value, original,
                text(headers.get(CE_TYPE)),
                first(text(headers.get(EXCEPTION_MESSAGE)), text(headers.get(KafkaHeaders.DLT_EXCEPTION_MESSAGE))),
                first(text(headers.get(EXCEPTION_CLASS)), text(headers.get(KafkaHeaders.DLT_EXCEPTION_FQCN))), now);
    }

    /**
     * Whether a message header is one of the record's own: not the binder's dead-letter headers,
     * and not one Spring adds when it turns a record into a message.
     */
    static boolean original(String name) {
        return !name.startsWith("x-original-") && !name.startsWith("x-exception-") && !name.startsWith(KafkaHeaders.PREFIX)
                && !name.startsWith("scst_") && !FRAMEWORK.contains(name);
    }

    private static <T> T first(T one, T other) {
        return one != null ? one : other;
    }

    private static String text(Object header) {
        if (header == null) {
            return null;
        }
        String text = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : header.toString();
        return text.isBlank() ? null : text;
    }

    private static Number number(Object header, long otherwise) {
        return header instanceof Number number ? number : otherwise;
    }

    /** A 4-byte big-endian int, as the binder writes it; or a number, or digits. */
    private static Integer integer(Object header) {
        Long read = longValue(header);
        return read == null || read < Integer.MIN_VALUE || read > Integer.MAX_VALUE ? null : read.intValue();
    }

    /** An 8-byte or 4-byte big-endian number, as the binder writes them; or a number, or digits. */
    private static Long longValue(Object header) {
        if (header instanceof Number number) {
            return number.longValue();
        }
        if (header instanceof byte[] bytes) {
            if (bytes.length == Long.BYTES) {
                return ByteBuffer.wrap(bytes).getLong();
            }
            if (bytes.length == Integer.BYTES) {
                return (long) ByteBuffer.wrap(bytes).getInt();
            }
        }
        String text = text(header);
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant epochMillis(Long millis) {
        return millis == null || millis < 0 ? null : Instant.ofEpochMilli(millis);
    }
}
