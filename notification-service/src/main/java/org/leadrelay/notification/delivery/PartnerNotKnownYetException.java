package org.leadrelay.notification.delivery;

import java.util.UUID;

/**
 * An offer names a partner whose contact points have not arrived from the partners topic yet.
 * Retryable: the binding tries again after a back-off, by when the partner usually has arrived.
 */
public class PartnerNotKnownYetException extends RuntimeException {

    public PartnerNotKnownYetException(UUID partnerId) {
        super("partner " + partnerId + " is not known yet");
    }
}
