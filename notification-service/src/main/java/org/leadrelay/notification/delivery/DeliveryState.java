package org.leadrelay.notification.delivery;

/** Where a delivery stands in the log. */
public enum DeliveryState {
    /** waiting for its first attempt or for a retry */
    PENDING,
    /** a receiver took it (2xx, or the mail relay accepted it) */
    DELIVERED,
    /** given up: every attempt of the schedule failed, or the failure cannot be retried (410, a refused URL) */
    FAILED,
    /** no longer needed: the offer was answered, expired or moved on before it could be delivered */
    CANCELLED
}
