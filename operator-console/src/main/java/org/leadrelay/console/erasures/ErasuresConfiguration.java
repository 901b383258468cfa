package org.leadrelay.console.erasures;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.deadletters.DeadLetters;
import org.leadrelay.console.leads.LeadIndex;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErasureProperties.class)
class ErasuresConfiguration {

    @Bean
    TrackingErasures trackingErasures(Erasures erasures, DeadLetters deadLetters,
            ErasureProperties properties, Clock clock, MeterRegistry meters) {
        return new TrackingErasures(erasures, deadLetters, properties, clock, meters);
    }

    @Bean
    RequestingErasures requestingErasures(@Qualifier("intakeClient") ServiceClient intakeClient, AuditTrail audit, Clock clock) {
        return new RequestingErasures(intakeClient, audit, clock);
    }

    @Bean
    ExportingPersonalData exportingPersonalData(@Qualifier("intakeClient") ServiceClient intakeClient,
            @Qualifier("routerClient") ServiceClient routerClient, @Qualifier("notificationClient") ServiceClient notificationClient,
            LeadDataHeld held, AuditTrail audit, Clock clock) {
        return new ExportingPersonalData(intakeClient, routerClient, notificationClient, held, audit, clock);
    }

    @Bean
    PeriodicTask erasureCount(TrackingErasures tracking) {
        return tracking.counting();
    }
}
