package org.leadrelay.console.deadletters;

import java.time.Clock;
import org.leadrelay.console.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the operators' handling of dead letters. */
@Configuration(proxyBeanMethods = false)
class DeadLettersConfiguration {

    @Bean
    HandlingDeadLetters handlingDeadLetters(DeadLetters letters, Replays replays, AuditTrail audit, Clock clock) {
        return new HandlingDeadLetters(letters, replays, audit, clock);
    }
}
