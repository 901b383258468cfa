package org.leadrelay.notification.delivery.channels;

import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.notification.delivery.DeliveryFailedException;
import org.leadrelay.notification.delivery.LeadOffer;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.leadrelay.notification.delivery.PartnerChannel;
import org.leadrelay.notification.partners.PartnerContact;
import org.springframework.core.annotation.Order;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Lead offers by email over SMTP: one message to every contact of the partner, so the offer is
 * sent, or fails, once for all of them.
 */
@Component
@Order(1)
class EmailChannel implements PartnerChannel {

    static final String DELIVERY_ID_HEADER = "X-LeadRelay-Delivery";

    private final JavaMailSender mail;
    private final NotificationProperties properties;

    EmailChannel(JavaMailSender mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean reaches(PartnerContact partner) {
        return !partner.contacts().isEmpty();
    }

    @Override
    public void deliver(PartnerContact partner, LeadOffer offer, String deliveryId) throws DeliveryFailedException {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(partner.contacts().stream().map(NotificationContact::email).distinct().toArray(String[]::new));
        message.setSubject(OfferText.subject(offer));
        message.setText(OfferText.body(offer));
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new DeliveryFailedException("SMTP: " + e.getClass().getSimpleName(), e);
        }
    }
}
