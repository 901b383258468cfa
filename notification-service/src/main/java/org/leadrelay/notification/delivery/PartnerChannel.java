package org.leadrelay.notification.delivery;

import org.leadrelay.events.Channel;
import org.leadrelay.notification.partners.PartnerContact;

/** One way of telling a partner of a lead. */
public interface PartnerChannel {

    Channel channel();

    /** Whether the partner can be reached this way at all. */
    boolean reaches(PartnerContact partner);

    /**
     * Delivers the offer.
     *
     * @param deliveryId the same for every attempt of this delivery, so the receiver can drop repeats
     */
    void deliver(PartnerContact partner, LeadOffer offer, String deliveryId) throws DeliveryFailedException;
}
