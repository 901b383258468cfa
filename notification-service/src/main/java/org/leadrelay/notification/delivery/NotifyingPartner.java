package org.leadrelay.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Tells a partner of a lead offered to it, on every channel it can be reached by, in parallel: a
 * slow mail relay does not delay the webhook. A channel that
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
    private final Executor executor;
    private final AnswerTokens tokens;
    private final NotificationProperties properties;

    NotifyingPartner(PartnerContacts contacts, Deliveries deliveries, List<PartnerChannel> channels, Outbox outbox,
            Clock clock, MeterRegistry meters, @Qualifier("deliveryExecutor") Executor executor, AnswerTokens tokens,
            NotificationProperties properties) {
        this.executor = executor;
        this.tokens = tokens;
        this.properties = properties;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.channels = channels;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Delivers on every channel at once and returns when all are done, so the record's offset is
     * committed only after every channel has delivered or reported its failure.
     */
    public void notify(LeadOffer offer) {
        PartnerContact partner = contacts.find(offer.partnerId()).orElseThrow(() -> new PartnerNotKnownYetException(offer.partnerId()));
        LeadOffer withLinks = withAnswerLinks(offer);
        CompletableFuture<?>[] deliveries = channels.stream()
                .filter(channel -> channel.reaches(partner))
                .map(channel -> CompletableFuture.runAsync(() -> deliver(partner, withLinks, channel), executor))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(deliveries).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The partner's links to answer, carrying a token signed for this offer that expires with its deadline. */
    private LeadOffer withAnswerLinks(LeadOffer offer) {
        String token = tokens.issue(new AnswerTokens.Claims(offer.leadId(), offer.assignmentId(), offer.partnerId(), offer.respondBy()));
        String base = properties.answerBaseUrl().toString().replaceAll("/+$", "");
        return offer.withAnswerLinks(URI.create(base + "/answers/" + token), URI.create(base + "/api/answers/" + token));
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
