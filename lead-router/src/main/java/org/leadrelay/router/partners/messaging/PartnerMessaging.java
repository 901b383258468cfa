package org.leadrelay.router.partners.messaging;

import java.util.function.Consumer;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.router.partners.KeepingPartnerCopies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code partnerUpserted-in-0}: the partners topic into the router's copy. */
@Configuration(proxyBeanMethods = false)
class PartnerMessaging {

    @Bean
    Consumer<Message<byte[]>> partnerUpserted(EventConsumers consumers, KeepingPartnerCopies keeping) {
        return consumers.of(PartnerUpserted.class, received -> keeping.apply(received.event()));
    }
}
