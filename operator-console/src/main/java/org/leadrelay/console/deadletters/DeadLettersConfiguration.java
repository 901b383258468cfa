package org.leadrelay.console.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.kit.retention.ExpiryWheels;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the operators' handling of dead letters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterRetention.Properties.class)
class DeadLettersConfiguration {

    @Bean
    DeadLetterRetention deadLetterRetention(ExpiryWheels wheels, DeadLetterRetention.Properties properties, MeterRegistry meters,
            DeadLetters letters) {
        return new DeadLetterRetention(wheels, properties, meters, letters);
    }

    @Bean
    PeriodicTask deadLetterExpiry(DeadLetterRetention retention) {
        return retention.sweeper();
    }

    @Bean
    HandlingDeadLetters handlingDeadLetters(DeadLetters letters, Replays replays, AuditTrail audit, Clock clock) {
        return new HandlingDeadLetters(letters, replays, audit, clock);
    }
}
