package org.leadrelay.router.partners.messaging;

import java.util.UUID;
import java.util.function.Consumer;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.router.partners.KeepingPartnerCopies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code partnerUpserted-in-0}: the partners topic, states and tombstones, into the router's copy. */
@Configuration(proxyBeanMethods = false)
class PartnerMessaging {

    @Bean
    Consumer<Message<byte[]>> partnerUpserted(EventConsumers consumers, KeepingPartnerCopies keeping) {
        return consumers.of(PartnerUpserted.class, received -> keeping.apply(received.event()),
                key -> keeping.delete(partnerId(key)));
    }

    static UUID partnerId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("tombstone key " + key + " is not a partnerId", e);
        }
    }
}
