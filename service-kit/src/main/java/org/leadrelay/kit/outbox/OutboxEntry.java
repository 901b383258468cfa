package org.leadrelay.kit.outbox;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An event recorded for publication; deleted once the broker has acknowledged it. */
@Document("outbox")
record OutboxEntry(
        @Id String id,
        String topic,
        String key,
        String type,
        String source,
        Instant time,
        byte[] payload,
        Instant recordedAt) {
}
