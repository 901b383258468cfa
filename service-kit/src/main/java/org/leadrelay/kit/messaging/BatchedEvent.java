package org.leadrelay.kit.messaging;

import java.time.Instant;
import org.leadrelay.events.LeadRelayEvent;

/**
 * An event read from a batch, with when its record reached the broker (its Kafka timestamp; null
 * when the record had none).
 */
public record BatchedEvent<T extends LeadRelayEvent>(ReceivedEvent<T> received, Instant appendedAt) {
}
