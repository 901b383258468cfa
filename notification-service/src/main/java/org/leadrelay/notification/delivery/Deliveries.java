package org.leadrelay.notification.delivery;

import org.leadrelay.events.Channel;

/** The delivery log. */
public interface Deliveries {

    /**
     * Starts an attempt of the delivery unless it already succeeded.
     *
     * @return the delivery with its attempt counted, or in state DELIVERED when there is nothing to do
     */
    Delivery startAttempt(LeadOffer offer, Channel channel);

    void delivered(String deliveryId);

    void failed(String deliveryId, String reason);
}
