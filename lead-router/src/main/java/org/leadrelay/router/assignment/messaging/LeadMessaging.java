package org.leadrelay.router.assignment.messaging;

import java.util.function.Consumer;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.router.assignment.ManagingAssignments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code leadReceived-in-0}: every received lead is routed. */
@Configuration(proxyBeanMethods = false)
class LeadMessaging {

    @Bean
    Consumer<Message<byte[]>> leadReceived(EventConsumers consumers, ManagingAssignments assignments) {
        return consumers.of(LeadReceived.class, received -> assignments.route(received.event()));
    }
}
