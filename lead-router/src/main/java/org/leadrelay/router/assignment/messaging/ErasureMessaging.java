package org.leadrelay.router.assignment.messaging;

import java.util.function.Consumer;
import org.leadrelay.events.LeadId;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.kit.outbox.ErasureReports;
import org.leadrelay.router.assignment.ManagingAssignments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code leadErased-in-0}: every erased lead's case is erased here, then the erasure reported ({@code LeadErasureCompleted}). */
@Configuration(proxyBeanMethods = false)
class ErasureMessaging {

    @Bean
    Consumer<Message<byte[]>> leadErased(EventConsumers consumers, ManagingAssignments assignments, ErasureReports reports) {
        return reports.binding(consumers, erased -> assignments.erase(LeadId.of(erased.leadId())));
    }
}
