package org.leadrelay.console.deliveries;

import java.time.Clock;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.EventCodec;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the partners' delivery health (a listener of the lead stories) and the enabling of disabled endpoints. */
@Configuration(proxyBeanMethods = false)
class DeliveriesConfiguration {

    @Bean
    WatchingDeliveries watchingDeliveries(EndpointHealths endpoints, EventCodec codec) {
        return new WatchingDeliveries(endpoints, codec);
    }

    @Bean
    EnablingEndpoints enablingEndpoints(@Qualifier("notificationClient") ServiceClient notification, AuditTrail audit, Clock clock) {
        return new EnablingEndpoints(notification, audit, clock);
    }
}
