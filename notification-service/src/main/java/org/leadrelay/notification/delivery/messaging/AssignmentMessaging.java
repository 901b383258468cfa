package org.leadrelay.notification.delivery.messaging;

import java.util.function.Consumer;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.notification.delivery.NotifyingPartners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code leadAssignment-in-0}: offers, acceptances, declines and offers that moved on are
 * turned into scheduled deliveries; the record's offset is committed once they are stored, not
 * once they are delivered, so a slow endpoint never holds the partition. LeadUnroutable is for the
 * operators, not for partners.
 */
@Configuration(proxyBeanMethods = false)
class AssignmentMessaging {

    @Bean
    Consumer<Message<byte[]>> leadAssignment(EventConsumers consumers, NotifyingPartners notifying) {
        return consumers.of(AssignmentEvent.class, received -> {
            AssignmentEvent event = received.event();
            if (event instanceof LeadAssigned assigned) {
                notifying.on(assigned);
            } else if (event instanceof LeadReassigned reassigned) {
                notifying.on(reassigned);
            } else if (event instanceof LeadAssignmentExpired expired) {
                notifying.on(expired);
            } else if (event instanceof LeadAccepted accepted) {
                notifying.on(accepted);
            } else if (event instanceof LeadDeclined declined) {
                notifying.on(declined);
            }
        });
    }
}
