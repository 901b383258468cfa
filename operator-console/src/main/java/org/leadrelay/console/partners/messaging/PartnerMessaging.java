package org.leadrelay.console.partners.messaging;

import java.util.UUID;
import java.util.function.Consumer;
import org.leadrelay.console.partners.PartnerCard;
import org.leadrelay.console.partners.PartnerCards;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.kit.messaging.EventConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code partnerUpserted-in-0}: the compacted partners topic, states and tombstones, into the console's cards. */
@Configuration(proxyBeanMethods = false)
class PartnerMessaging {

    @Bean
    Consumer<Message<byte[]>> partnerUpserted(EventConsumers consumers, PartnerCards cards) {
        return consumers.of(PartnerUpserted.class, received -> cards.keep(PartnerCard.of(received.event())),
                key -> cards.delete(partnerId(key)));
    }

    private static UUID partnerId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("tombstone key " + key + " is not a partnerId", e);
        }
    }
}
