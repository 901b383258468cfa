package org.leadrelay.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A batch as a batch-mode binding hands it over (one message whose payload is the records' values
 * and whose headers are lists, one entry per record) split back into one message per record, with
 * the headers a record-mode binding would give it: its own mapped headers (the CloudEvents ones
 * among them), key, topic, partition, offset and timestamp.
 */
final class Batches {

    private static final List<String> PER_RECORD = List.of(KafkaHeaders.RECEIVED_KEY, KafkaHeaders.RECEIVED_TOPIC,
            KafkaHeaders.RECEIVED_PARTITION, KafkaHeaders.OFFSET, KafkaHeaders.RECEIVED_TIMESTAMP);

    private Batches() {
    }

    static List<Message<Object>> split(Message<? extends List<?>> batch) {
        List<?> values = batch.getPayload();
        List<?> converted = list(batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS));
        List<Message<Object>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            MessageBuilder<Object> record = MessageBuilder.withPayload(values.get(i));
            if (converted != null && i < converted.size() && converted.get(i) instanceof Map<?, ?> headers) {
                headers.forEach((name, value) -> record.setHeader(name.toString(), value));
            }
            for (String name : PER_RECORD) {
                List<?> perRecord = list(batch.getHeaders().get(name));
                if (perRecord != null && i < perRecord.size()) {
                    record.setHeader(name, perRecord.get(i));
                }
            }
            records.add(record.build());
        }
        return records;
    }

    private static List<?> list(Object header) {
        return header instanceof List<?> list ? list : null;
    }
}
