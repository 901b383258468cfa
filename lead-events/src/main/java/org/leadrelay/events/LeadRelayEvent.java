package org.leadrelay.events;

/**
 * Every event of the public contract. The family is closed so a switch over it is checked by the
 * compiler; {@link EventCatalog} gives each its type name, topic and schema.
 */
public sealed interface LeadRelayEvent permits LeadReceived, PartnerUpserted, AssignmentEvent, NotificationEvent, ErasureEvent {

    /** The Kafka record key: the id of the entity the event is about. */
    String key();
}
