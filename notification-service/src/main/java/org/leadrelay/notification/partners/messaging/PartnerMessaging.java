package org.leadrelay.notification.partners.messaging;

import java.util.UUID;
import java.util.function.Consumer;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code partnerUpserted-in-0}: the partners topic into the service's copy of contact points;
 * a tombstone (the partner was deleted) removes the partner's copy.
 */
@Configuration(proxyBeanMethods = false)
class PartnerMessaging {

    @Bean
    Consumer<Message<byte[]>> partnerUpserted(EventConsumers consumers, PartnerContacts contacts) {
        return consumers.of(PartnerUpserted.class, received -> contacts.keep(PartnerContact.from(received.event())),
                key -> contacts.remove(partnerId(key)));
    }

    static UUID partnerId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("tombstone key " + key + " is not a partnerId", e);
        }
    }
}
