package org.leadrelay.console.deadletters.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.DeadLetterStatus;
import org.leadrelay.console.deadletters.RecordHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.GenericMessage;

class DeadLetterRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void readsWhereTheBinderSaysTheRecordCameFromAndKeepsOnlyItsOwnHeaders() {
        Map<String, Object> headers = dlq("leads.received.v2.dlq", 2, 41);
        headers.put(KafkaHeaders.RECEIVED_KEY, "lead-1".getBytes(StandardCharsets.UTF_8));
        headers.put("ce_type", bytes("org.leadrelay.lead.received.v2"));
        headers.put("ce_id", bytes("event-1"));
        headers.put("content-type", bytes("application/json"));
        headers.put("x-original-topic", bytes("leads.received.v2"));
        headers.put("x-original-partition", ByteBuffer.allocate(4).putInt(2).array());
        headers.put("x-original-offset", ByteBuffer.allocate(8).putLong(1234L).array());
        headers.put("x-original-timestamp", ByteBuffer.allocate(8).putLong(NOW.minusSeconds(60).toEpochMilli()).array());
        headers.put("x-exception-message", bytes("Listener failed; nested exception is database timed out\n\tat somewhere"));
        headers.put("x-exception-fqcn", bytes("org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.put("x-exception-stacktrace", bytes("java.lang.IllegalStateException\n\tat x.y"));

        DeadLetter letter = DeadLetterRecords.read(new GenericMessage<>(bytes("{\"leadId\":\"1\"}"), headers), NOW);

        assertThat(letter.id()).isEqualTo("leads.received.v2.dlq-2-41");
        assertThat(letter.originalTopic()).isEqualTo("leads.received.v2");
        assertThat(letter.originalPartition()).isEqualTo(2);
        assertThat(letter.originalOffset()).isEqualTo(1234L);
        assertThat(letter.originalTimestamp()).isEqualTo(NOW.minusSeconds(60));
        assertThat(letter.keyText()).isEqualTo("lead-1");
        assertThat(letter.ceType()).isEqualTo("org.leadrelay.lead.received.v2");
        assertThat(letter.reason()).isEqualTo("Listener failed; nested exception is database timed out");
        assertThat(letter.headers()).extracting(RecordHeader::name).containsExactly("ce_id", "ce_type", "content-type");
        assertThat(letter.status()).isEqualTo(DeadLetterStatus.OPEN);
    }

    @Test
    void keepsWhatThereIsOfARecordWithNoHeadersAndNoText() {
        byte[] garbage = {(byte) 0xff, 0x00, (byte) 0xfe, 0x01};
        DeadLetter letter = DeadLetterRecords.read(new GenericMessage<>(garbage, dlq("notifications.v1.dlq", 0, 7)), NOW);

        assertThat(letter.id()).isEqualTo("notifications.v1.dlq-0-7");
        assertThat(letter.originalTopic()).isNull();
        assertThat(letter.replayTopic()).isEqualTo("notifications.v1");
        assertThat(letter.reason()).isNull();
        assertThat(letter.keyText()).isNull();
        assertThat(letter.headers()).isEmpty();
        assertThat(letter.preview(100)).isEqualTo("0xff00fe01");
    }

    @Test
    void aLongReasonIsCutAndALongPayloadTruncated() {
        Map<String, Object> headers = dlq("partners.v1.dlq", 0, 1);
        headers.put("x-exception-message", bytes("x".repeat(1000)));
        DeadLetter letter = DeadLetterRecords.read(new GenericMessage<>(bytes("y".repeat(1000)), headers), NOW);

        assertThat(letter.reason()).hasSize(DeadLetter.REASON_LENGTH).endsWith("…");
        assertThat(letter.preview(50)).hasSize(51).endsWith("…");
    }

    private static Map<String, Object> dlq(String topic, int partition, long offset) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(KafkaHeaders.RECEIVED_TOPIC, topic);
        headers.put(KafkaHeaders.RECEIVED_PARTITION, partition);
        headers.put(KafkaHeaders.OFFSET, offset);
        headers.put(KafkaHeaders.RECEIVED_TIMESTAMP, NOW.toEpochMilli());
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
