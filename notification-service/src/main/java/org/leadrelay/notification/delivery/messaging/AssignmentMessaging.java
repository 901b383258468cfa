package org.leadrelay.notification.delivery.messaging;

import java.util.function.Consumer;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.notification.delivery.LeadOffer;
import org.leadrelay.notification.delivery.NotifyingPartner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code leadAssignment-in-0}: every lead offered to a partner is delivered; other assignment events are not for partners. */
@Configuration(proxyBeanMethods = false)
class AssignmentMessaging {

    @Bean
    Consumer<Message<byte[]>> leadAssignment(EventConsumers consumers, NotifyingPartner notifying) {
        return consumers.of(AssignmentEvent.class, received -> {
            if (received.event() instanceof LeadAssigned assigned) {
                notifying.notify(LeadOffer.of(assigned));
            } else if (received.event() instanceof LeadReassigned reassigned) {
                notifying.notify(LeadOffer.of(reassigned));
            }
        });
    }
}
