package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Duration;

/** How one delivery attempt ended. */
public sealed interface AttemptResult {

    /** The receiver took it: a 2xx answer, or the mail relay accepted the message. */
    record Delivered(String detail) implements AttemptResult {
    }

    /**
     * It did not arrive.
     *
     * @param reason     what went wrong, without personal data
     * @param retryable  whether another attempt may succeed
     * @param retryAfter how long the receiver asked us to wait (Retry-After), or null
     */
    record Failed(String reason, boolean retryable, Duration retryAfter) implements AttemptResult {

        public static Failed retryable(String reason) {
            return new Failed(reason, true, null);
        }

        public static Failed permanent(String reason) {
            return new Failed(reason, false, null);
        }
    }

    /** The endpoint answered 410 Gone: it is disabled for this service and receives no more webhooks. */
    record Gone(String reason, URI endpoint) implements AttemptResult {
    }

    /** Nothing to deliver any more (the partner was deleted, switched webhooks off, or the offer is over); not an attempt. */
    record Cancelled(String reason) implements AttemptResult {
    }

    /**
     * Not attempted now, and not counted as an attempt: the endpoint's bulkhead is full, or its
     * circuit is open.
     *
     * @param reason why, for the operators' view of failing deliveries; null for a passing reason (a full bulkhead)
     */
    record Postponed(Duration delay, String reason) implements AttemptResult {
    }

    /**
     * The attempt was cut off by a shutdown: it may or may not have reached the receiver, so nothing
     * is recorded and the job's lease, once expired, hands it to another attempt with the same id.
     */
    record Abandoned(String reason) implements AttemptResult {
    }
}
