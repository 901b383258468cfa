package org.leadrelay.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells a partner of a lead offered to it, on every channel it can be reached by. A channel that
 * already delivered this offer is skipped, so the same assignment event twice sends one email and
 * one webhook. Every attempt's outcome is published on the notifications topic.
 */
@Service
public class NotifyingPartner {

    private static final Logger log = LoggerFactory.getLogger(NotifyingPartner.class);

    private final PartnerContacts contacts;
    private final Deliveries deliveries;
    private final List<PartnerChannel> channels;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    NotifyingPartner(PartnerContacts contacts, Deliveries deliveries, List<PartnerChannel> channels, Outbox outbox,
            Clock clock, MeterRegistry meters) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.channels = channels;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    public void notify(LeadOffer offer) {
        PartnerContact partner = contacts.find(offer.partnerId()).orElseThrow(() -> new PartnerNotKnownYetException(offer.partnerId()));
        for (PartnerChannel channel : channels) {
            if (channel.reaches(partner)) {
                deliver(partner, offer, channel);
            }
        }
    }

    private void deliver(PartnerContact partner, LeadOffer offer, PartnerChannel channel) {
        Channel kind = channel.channel();
        Delivery delivery = deliveries.startAttempt(offer, kind);
        if (delivery.state() == Delivery.State.DELIVERED) {
            log.debug("lead {} already delivered to partner {} by {}", offer.leadId(), offer.partnerId(), kind);
            return;
        }
        try {
            channel.deliver(partner, offer, delivery.id());
        } catch (DeliveryFailedException e) {
            deliveries.failed(delivery.id(), e.getMessage());
            meters.counter("leadrelay.notifications", "channel", kind.name(), "outcome", "failed").increment();
            log.warn("lead {} not delivered to partner {} by {} (attempt {}): {}", offer.leadId(), offer.partnerId(), kind,
                    delivery.attempts(), e.getMessage());
            outbox.publish(outbox.envelope(EventIds.derived("notification", delivery.id(), delivery.attempts()),
                    new NotificationFailed(offer.leadId(), offer.assignmentId(), offer.partnerId(), kind, delivery.attempts(),
                            e.getMessage(), false, clock.instant())));
            return;
        }
        deliveries.delivered(delivery.id());
        meters.counter("leadrelay.notifications", "channel", kind.name(), "outcome", "delivered").increment();
        log.info("lead {} delivered to partner {} by {} (attempt {})", offer.leadId(), offer.partnerId(), kind, delivery.attempts());
        outbox.publish(outbox.envelope(EventIds.derived("notification", delivery.id(), delivery.attempts()),
                new NotificationDelivered(offer.leadId(), offer.assignmentId(), offer.partnerId(), kind, delivery.attempts(),
                        clock.instant())));
    }
}
