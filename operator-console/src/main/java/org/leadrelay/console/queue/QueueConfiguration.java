package org.leadrelay.console.queue;

import java.time.Clock;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.EventCodec;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue's read model and the fixes made from it. */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    @Bean
    KeepingQueue keepingQueue(UnroutableLeads queue, EventCodec codec, LeadStories stories) {
        return new KeepingQueue(queue, codec, stories);
    }

    @Bean
    FixingQueue fixingQueue(@Qualifier("routerClient") ServiceClient router, AuditTrail audit, Clock clock) {
        return new FixingQueue(router, audit, clock);
    }
}
