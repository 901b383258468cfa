package org.leadrelay.console.flow.messaging;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The consumer groups' lag, measured every five seconds with the broker's admin client. */
@Configuration(proxyBeanMethods = false)
class LagMessaging {

    @Bean(destroyMethod = "close")
    Admin consoleKafkaAdmin(KafkaAdmin kafka) {
        return Admin.create(kafka.getConfigurationProperties());
    }

    @Bean
    KafkaConsumerLags consumerLags(Admin admin) {
        return new KafkaConsumerLags(admin);
    }

    @Bean
    PeriodicTask consumerLagWatch(KafkaConsumerLags lags) {
        return PeriodicTask.every(Duration.ofSeconds(5), "consumer-lag", lags::measure).startingAfter(Duration.ZERO);
    }
}
