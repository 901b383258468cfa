package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event with its CloudEvents context attributes, as it travels on Kafka.
 *
 * @param id     unique per event; consumers use it to recognise a redelivery
 * @param type   the CloudEvents type, from {@link EventTypes}
 * @param source the producing service, for example {@code /leadrelay/lead-intake}
 * @param time   when the event happened
 */
public record EventEnvelope<T extends LeadRelayEvent>(UUID id, String type, String source, Instant time, T data) {

    public EventEnvelope {
        Require.present(id, "id");
        Require.text(type, "type");
        Require.text(source, "source");
        Require.present(time, "time");
        Require.present(data, "data");
        String expected = EventCatalog.of(data).type();
        if (!expected.equals(type)) {
            throw new IllegalArgumentException("type " + type + " does not match the event " + expected);
        }
    }

    /** Wraps an event under its catalogued type. */
    public static <T extends LeadRelayEvent> EventEnvelope<T> of(UUID id, String source, Instant time, T data) {
        return new EventEnvelope<>(id, EventCatalog.of(data).type(), source, time, data);
    }

    public String topic() {
        return EventCatalog.of(data).topic();
    }

    public String key() {
        return data.key();
    }
}
