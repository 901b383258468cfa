package org.leadrelay.events;

/**
 * CloudEvents {@code type} attribute of every event. Explicit constants, never derived from class
 * names, so renaming a Java class cannot break a consumer.
 */
public final class EventTypes {

    public static final String LEAD_RECEIVED = "org.leadrelay.lead.received.v2";
    public static final String PARTNER_UPSERTED = "org.leadrelay.partner.upserted.v1";
    /**
     * The type in the CloudEvents headers of a tombstone on {@link Topics#PARTNERS}: a record keyed by
     * partnerId with no value, meaning the partner was deleted. It has no payload and so no schema.
     */
    public static final String PARTNER_DELETED = "org.leadrelay.partner.deleted.v1";
    public static final String LEAD_ASSIGNED = "org.leadrelay.lead.assigned.v1";
    public static final String LEAD_REASSIGNED = "org.leadrelay.lead.reassigned.v1";
    public static final String LEAD_UNROUTABLE = "org.leadrelay.lead.unroutable.v1";
    public static final String LEAD_ASSIGNMENT_EXPIRED = "org.leadrelay.lead.assignment-expired.v1";
    public static final String LEAD_ACCEPTED = "org.leadrelay.lead.accepted.v2";
    public static final String LEAD_DECLINED = "org.leadrelay.lead.declined.v1";
    public static final String NOTIFICATION_DELIVERED = "org.leadrelay.notification.delivered.v1";
    public static final String NOTIFICATION_FAILED = "org.leadrelay.notification.failed.v1";
    public static final String LEAD_ERASED = "org.leadrelay.lead.erased.v1";
    public static final String LEAD_ERASURE_COMPLETED = "org.leadrelay.lead.erasure-completed.v1";

    private EventTypes() {
    }
}
