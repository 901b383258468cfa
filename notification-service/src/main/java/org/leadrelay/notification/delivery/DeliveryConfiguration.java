package org.leadrelay.notification.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class DeliveryConfiguration {

    /** The threads that talk to mail relays and partners' endpoints, which mostly wait. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService deliveryExecutor(NotificationProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.senders(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
