package org.leadrelay.notification.delivery.messaging;

import java.util.function.Consumer;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.kit.outbox.ErasureReports;
import org.leadrelay.notification.delivery.NotifyingPartners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code leadErased-in-0}: for every erased lead the partners told of it are asked to
 * delete the person's data and its pending deliveries stop, then the erasure is reported
 * ({@code LeadErasureCompleted}).
 */
@Configuration(proxyBeanMethods = false)
class ErasureMessaging {

    @Bean
    Consumer<Message<byte[]>> leadErased(EventConsumers consumers, NotifyingPartners notifying, ErasureReports reports) {
        return reports.binding(consumers, notifying::on);
    }
}
