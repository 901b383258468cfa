package org.leadrelay.notification.delivery;

import org.leadrelay.events.Channel;

/**
 * One offer to one partner on one channel.
 *
 * @param id       {@code <assignmentId>:<channel>}, so an offer is delivered once per channel
 * @param attempts how many attempts were started
 */
public record Delivery(String id, Channel channel, State state, int attempts) {

    public enum State {
        PENDING,
        DELIVERED,
        FAILED
    }

    public static String idOf(LeadOffer offer, Channel channel) {
        return offer.assignmentId() + ":" + channel;
    }
}
