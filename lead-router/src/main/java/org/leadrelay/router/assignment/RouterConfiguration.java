package org.leadrelay.router.assignment;

import org.leadrelay.router.routing.RoutingPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RouterProperties.class, RoutingSettings.class})
class RouterConfiguration {

    @Bean
    RoutingPolicy routingPolicy(RoutingSettings settings) {
        return new RoutingPolicy(settings.weights());
    }
}
