package org.leadrelay.bench;

/**
 * What the topics said about one lead, in epoch microseconds ({@link #NONE} = not seen). Kafka
 * record timestamps (when the producer sent the record) have millisecond precision.
 *
 * @param intakeReceived   LeadReceived's {@code ce_time}: when lead-intake took the request (before its 202)
 * @param published        LeadReceived's record timestamp on {@code leads.received.v2}
 * @param assigned         LeadAssigned's record timestamp on {@code leads.assignments.v2}
 * @param webhookDelivered the webhook offer's NotificationDelivered record timestamp on {@code notifications.v1}
 * @param emailDelivered   the email offer's NotificationDelivered record timestamp
 * @param unroutable       LeadUnroutable events seen (the router found nobody: should stay 0)
 * @param failed           NotificationFailed events seen
 */
record EventStamps(long intakeReceived, long published, long assigned, long webhookDelivered, long emailDelivered, int unroutable,
        int failed) {

    static final long NONE = -1;
    static final EventStamps EMPTY = new EventStamps(NONE, NONE, NONE, NONE, NONE, 0, 0);

    static EventStamps received(long ceTime, long recordTime) {
        return new EventStamps(ceTime, recordTime, NONE, NONE, NONE, 0, 0);
    }

    static EventStamps assigned(long recordTime) {
        return new EventStamps(NONE, NONE, recordTime, NONE, NONE, 0, 0);
    }

    static EventStamps delivered(boolean webhook, long recordTime) {
        return webhook ? new EventStamps(NONE, NONE, NONE, recordTime, NONE, 0, 0) : new EventStamps(NONE, NONE, NONE, NONE, recordTime, 0, 0);
    }

    static EventStamps unroutableOnce() {
        return new EventStamps(NONE, NONE, NONE, NONE, NONE, 1, 0);
    }

    static EventStamps failedOnce() {
        return new EventStamps(NONE, NONE, NONE, NONE, NONE, 0, 1);
    }

    /** Both together: the earliest of each moment (a redelivered event does not move it), the counts added. */
    EventStamps merge(EventStamps other) {
        return new EventStamps(earliest(intakeReceived, other.intakeReceived), earliest(published, other.published),
                earliest(assigned, other.assigned), earliest(webhookDelivered, other.webhookDelivered),
                earliest(emailDelivered, other.emailDelivered), unroutable + other.unroutable, failed + other.failed);
    }

    private static long earliest(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }
}
