package org.leadrelay.events;

/**
 * How one event type appears on the wire.
 *
 * @param type     the CloudEvents {@code type}
 * @param javaType the record that carries it
 * @param topic    the topic it is published on
 * @param schema   the file name of its JSON Schema under {@code org/leadrelay/events/schemas/}
 */
public record EventDescriptor<T extends LeadRelayEvent>(String type, Class<T> javaType, String topic, String schema) {
}
