package org.leadrelay.notification.delivery;

/** A channel could not deliver; the message says why, without personal data. */
public class DeliveryFailedException extends Exception {

    public DeliveryFailedException(String reason) {
        super(reason);
    }

    public DeliveryFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
