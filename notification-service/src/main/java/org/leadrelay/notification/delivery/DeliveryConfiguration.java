package org.leadrelay.notification.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.leadrelay.notification.messages.TemplateProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, RetryProperties.class, EndpointProperties.class, TemplateProperties.class,
        LeadKeysProperties.class})
class DeliveryConfiguration {

    /** The threads that talk to mail relays and partners' endpoints, which mostly wait; stopped by {@link DeliveringMessages#stop()}. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService deliveryExecutor(NotificationProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.senders(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    RetrySchedule retrySchedule(RetryProperties retries) {
        RandomGenerator threadSafe = () -> ThreadLocalRandom.current().nextLong();
        return new RetrySchedule(retries.delays(), retries.jitter(), retries.maxRetryAfter(), threadSafe);
    }
}
