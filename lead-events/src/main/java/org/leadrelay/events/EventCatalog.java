package org.leadrelay.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one table that ties each event record to its type name, topic and schema. */
public final class EventCatalog {

    public static final List<EventDescriptor<?>> ALL = List.of(
            new EventDescriptor<>(EventTypes.LEAD_RECEIVED, LeadReceived.class, Topics.LEADS_RECEIVED, "lead-received.v2.json"),
            new EventDescriptor<>(EventTypes.PARTNER_UPSERTED, PartnerUpserted.class, Topics.PARTNERS, "partner-upserted.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_ASSIGNED, LeadAssigned.class, Topics.ASSIGNMENTS, "lead-assigned.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_REASSIGNED, LeadReassigned.class, Topics.ASSIGNMENTS, "lead-reassigned.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_UNROUTABLE, LeadUnroutable.class, Topics.ASSIGNMENTS, "lead-unroutable.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_ASSIGNMENT_EXPIRED, LeadAssignmentExpired.class, Topics.ASSIGNMENTS, "lead-assignment-expired.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_ACCEPTED, LeadAccepted.class, Topics.ASSIGNMENTS, "lead-accepted.v2.json"),
            new EventDescriptor<>(EventTypes.LEAD_DECLINED, LeadDeclined.class, Topics.ASSIGNMENTS, "lead-declined.v1.json"),
            new EventDescriptor<>(EventTypes.NOTIFICATION_DELIVERED, NotificationDelivered.class, Topics.NOTIFICATIONS, "notification-delivered.v1.json"),
            new EventDescriptor<>(EventTypes.NOTIFICATION_FAILED, NotificationFailed.class, Topics.NOTIFICATIONS, "notification-failed.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_ERASED, LeadErased.class, Topics.ERASURES, "lead-erased.v1.json"),
            new EventDescriptor<>(EventTypes.LEAD_ERASURE_COMPLETED, LeadErasureCompleted.class, Topics.ERASURES,
                    "lead-erasure-completed.v1.json"));

    private static final Map<String, EventDescriptor<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventDescriptor::type, Function.identity()));
    private static final Map<Class<?>, EventDescriptor<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventDescriptor::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventDescriptor<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    @SuppressWarnings("unchecked")
    public static <T extends LeadRelayEvent> EventDescriptor<T> of(Class<T> javaType) {
        EventDescriptor<?> descriptor = BY_CLASS.get(javaType);
        if (descriptor == null) {
            throw new IllegalArgumentException("not an event of the contract: " + javaType.getName());
        }
        return (EventDescriptor<T>) descriptor;
    }

    @SuppressWarnings("unchecked")
    public static EventDescriptor<? extends LeadRelayEvent> of(LeadRelayEvent event) {
        return of(event.getClass());
    }
}
